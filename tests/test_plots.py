"""Figures and the analysis commands, end to end on a real DuckDB store."""
from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from dragoman.analysis.cli import network_cmd, plot_app, turning
from dragoman.store import open_store

from test_analysis import seed_network, seed_turkey_israel  # noqa: E402  (tests/ is on sys.path)

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("plots") / "t.duckdb")
    store = open_store(path)
    seed_turkey_israel(store)
    seed_network(store)
    store.close()
    return path


@pytest.fixture(scope="module")
def cli():
    # wired exactly as dragoman/cli.py does it
    app = typer.Typer()
    app.add_typer(plot_app, name="plot")
    app.command("turning")(turning)
    app.command("network")(network_cmd)
    return app


def _png(path) -> bytes:
    data = path.read_bytes()
    assert data[:8] == PNG_MAGIC and len(data) > 20_000, f"{path} is not a real figure"
    return data


def test_plot_functions_write_pngs(db, tmp_path):
    from dragoman.analysis.network import relation_graph
    from dragoman.analysis.plots import plot_dyad, plot_network
    from dragoman.analysis.turning import turning_points

    store = open_store(db)
    res = turning_points(store, "TUR", "ISR")
    _png(plot_dyad(res, tmp_path / "dyad.png"))
    _png(plot_dyad(turning_points(store, "TUR", "ISR", "week", directed=True, weighting="both",
                                  metric="w_net_cooperation"), tmp_path / "weekly.png"))
    _png(plot_network(relation_graph(store, at="2022-06"), tmp_path / "net.png"))
    _png(plot_network(relation_graph(store, at="2022-06", directed=True, level="actor"), tmp_path / "netd.png"))
    # empty inputs still give a labelled figure, not a crash
    assert (plot_dyad(turning_points(store, "TUR", "XXX"), tmp_path / "e.png")).stat().st_size > 5_000
    assert (plot_network(relation_graph(store, at="1999-06"), tmp_path / "ne.png")).stat().st_size > 5_000
    store.close()


def test_plot_commands(cli, db, tmp_path):
    runner = CliRunner(env={"COLUMNS": "250"})
    out = tmp_path / "fig.png"
    r = runner.invoke(cli, ["plot", "dyad", "TUR", "ISR", "-o", str(out), "--db", db])
    assert r.exit_code == 0, r.output
    assert "1 turning point" in r.output
    _png(out)
    net = tmp_path / "net.png"
    r = runner.invoke(cli, ["plot", "network", "--at", "2022-06", "-o", str(net), "--db", db])
    assert r.exit_code == 0, r.output
    _png(net)
    r = runner.invoke(cli, ["plot", "network", "--at", "June", "-o", str(net), "--db", db])
    assert r.exit_code != 0


def test_turning_command_prints_the_turn_and_its_events(cli, db):
    runner = CliRunner(env={"COLUMNS": "250"})
    r = runner.invoke(cli, ["turning", "TUR", "ISR", "--db", db])
    assert r.exit_code == 0, r.output
    assert "2023-10" in r.output and "toward conflict" in r.output
    assert "Turkey halted energy talks" in r.output
    r = runner.invoke(cli, ["turning", "TUR", "ISR", "--db", db, "--json", "--weight", "both"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    tp = data["turning_points"][0]
    assert tp["direction"] == "toward conflict" and tp["drivers"]
    assert all(d["goldstein"] < 0 for d in tp["drivers"])
    r = runner.invoke(cli, ["turning", "TUR", "ISR", "--db", db, "--weight", "heavy"])
    assert r.exit_code != 0


def test_network_command_text_and_json(cli, db):
    runner = CliRunner(env={"COLUMNS": "250"})
    r = runner.invoke(cli, ["network", "--at", "2022-06", "--db", db])
    assert r.exit_code == 0, r.output
    assert "unbalanced" in r.output and "RUS · TUR · UKR" in r.output
    assert "centrality" in r.output
    r = runner.invoke(cli, ["network", "--at", "2022-06", "--db", db, "--json"])
    data = json.loads(r.output)
    assert [t["pattern"] for t in data["unbalanced_triads"]] == ["++-"]
    signs = {(e["a"], e["b"]): e["sign"] for e in data["edges"]}
    assert signs[("RUS", "UKR")] == -1 and signs[("RUS", "TUR")] == 1
    r = runner.invoke(cli, ["network", "--db", db])
    assert r.exit_code != 0  # needs --at or --since/--until
