"""Human-readable answers to "who is this name, on that date?"."""
from __future__ import annotations

import datetime as dt

from .kb import load_kb, spell_code


def lookup(name: str, day: dt.date | None, files: tuple[str, ...] = ()) -> list[str]:
    kb = load_kb(tuple(files))
    out = []
    for entry in kb.lookup(name):
        if entry.kind == "person":
            person = kb.people[entry.person]
            spell, how = person.role_on(day)
            if spell is None:
                out.append(f"{person.name}: {person.country} (no dated role)")
                continue
            code = spell_code(person.country, spell) or spell.role
            span = f"{spell.start or '?'} to {spell.end or 'present'}"
            note = "" if how == "dated" else f"  [no role on {day}; {how} entry used]" if day else "  [no date given: latest role]"
            out.append(f"{code}  {person.name}, {spell.title} ({span}){note}")
        elif entry.kind == "role":
            out.append(f"{entry.role}  role phrase '{entry.name}'" + (f" (office {entry.office})" if entry.office else ""))
        else:
            out.append(f"{entry.code}  {entry.name} ({entry.kind}{', ' + entry.country if entry.country else ''})")
    return out
