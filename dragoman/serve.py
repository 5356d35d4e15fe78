"""`dragoman serve`: the API and the analyst web page in one process (uvicorn).

The lead registers it in dragoman/cli.py as `app.command("serve")(serve)`.
"""
from __future__ import annotations

from typing import Optional

import typer


def serve(
    db: Optional[str] = typer.Option(None, "--db", help="DuckDB file or postgresql:// URL (default: dragoman.duckdb)"),
    host: str = typer.Option("127.0.0.1", help="Interface to listen on (0.0.0.0 for every interface)"),
    port: int = typer.Option(8000, min=1, max=65535, help="TCP port"),
) -> None:
    """Serve the event API and the web page (read-only unless api_token is set in the settings)."""
    import uvicorn

    from .api import create_app
    from .config import load_settings

    settings = load_settings()
    url = db or settings.db
    try:
        app = create_app(url, settings)
    except (FileNotFoundError, ValueError) as exc:
        raise typer.BadParameter(str(exc), param_hint="--db") from exc
    mode = "ingest enabled (bearer token from the settings)" if settings.api_token else "read-only"
    shown = "localhost" if host in ("127.0.0.1", "::1") else host
    typer.echo(f"Dragoman on http://{shown}:{port}/  ({url}, {mode}); API docs at /docs. Ctrl+C stops.", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info")
