"""Print the fields where the first reader's gold and the second reader's record differ (scorer's normalisation)."""
import json
import sys
from pathlib import Path

sys.path.insert(0, "/work/shared/eval")
import score  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
for stem in sys.argv[1:]:
    g = json.loads((ROOT / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
    s = json.loads((ROOT / "review" / "second" / f"{stem}.json").read_text(encoding="utf-8"))
    print(f"== {stem}")
    for f in score.SCALARS:
        a, b = score.get(g, f), score.get(s, f)
        if score.norm(a) != score.norm(b):
            print(f"  {f}: first={a!r}  second={b!r}")
    pa, pb = (g.get("issuer") or {}).get("parent"), (s.get("issuer") or {}).get("parent")
    if score.norm(pa) != score.norm(pb):
        print(f"  issuer.parent: first={pa!r}  second={pb!r}")
    for f in ("recipients", "cc"):
        A, B = [score.norm(x) for x in g.get(f) or []], [score.norm(x) for x in s.get(f) or []]
        for x in A:
            if not any(score.similar(x, y) for y in B):
                print(f"  {f}: only first: {x!r}")
        for y in B:
            if not any(score.similar(x, y) for x in A):
                print(f"  {f}: only second: {y!r}")
    ra = {score.norm_number(r.get("number")): r for r in g.get("references") or []}
    rb = {score.norm_number(r.get("number")): r for r in s.get("references") or []}
    for n in sorted(set(ra) | set(rb)):
        if n not in rb:
            print(f"  references: only first: {n}")
        elif n not in ra:
            print(f"  references: only second: {n}")
        else:
            for k in ("date", "issuer", "relation", "doc_type"):
                if score.norm(ra[n].get(k)) != score.norm(rb[n].get(k)):
                    print(f"  references[{n}].{k}: first={ra[n].get(k)!r}  second={rb[n].get(k)!r}")
    ta = {t.get("ordinal") or ("?" + str(i)): t for i, t in enumerate(g.get("tasks") or [])}
    tb = {t.get("ordinal") or ("?" + str(i)): t for i, t in enumerate(s.get("tasks") or [])}
    print(f"  tasks: first {len(ta)}, second {len(tb)}")
    for o in ta:
        if o not in tb:
            print(f"  task {o}: only first: {ta[o].get('text', '')[:80]!r}")
    for o in tb:
        if o not in ta:
            print(f"  task {o}: only second: {tb[o].get('text', '')[:80]!r}")
    for o in ta:
        if o in tb:
            x, y = ta[o], tb[o]
            na = [(score.norm(a.get("name")), a.get("role")) for a in x.get("assignees") or []]
            nb = [(score.norm(a.get("name")), a.get("role")) for a in y.get("assignees") or []]
            if na != nb:
                print(f"  task {o} assignees: first={na}  second={nb}")
            if x.get("deadline") != y.get("deadline"):
                print(f"  task {o} deadline: first={x.get('deadline')}  second={y.get('deadline')}")
            if not score.similar(x.get("text", "")[:60], y.get("text", "")[:60], 0.8):
                print(f"  task {o} text: first={x.get('text', '')[:70]!r}  second={y.get('text', '')[:70]!r}")
