"""Entity extraction + linking quality on a gold corpus.

usage: python scripts/entity_quality.py CORPUS_DIR [--model NAME] [--json]
                                        [--out PRED.jsonl] [--eval EVAL.py] [--index DIR]

Builds a reader index of CORPUS_DIR/text/*.txt (`reader index`), exports its
mentions (`reader export mentions`: one a line, doc, start, end, text, label,
entity) and scores them with the shared entity_eval.py.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

# The shared scorer beside the repository (or beside its worktrees' folder).
DEFAULT_EVAL = next(
    (
        p
        for p in (
            REPO.parent / "shared" / "eval" / "entity_eval.py",
            REPO.parent.parent / "shared" / "eval" / "entity_eval.py",
        )
        if p.is_file()
    ),
    REPO.parent / "shared" / "eval" / "entity_eval.py",
)


def produce_predictions(
    corpus_dir: Path, out_path: Path, model: str | None, index: Path | None = None
) -> dict:
    """Index corpus_dir/text with the real `reader index`, then `reader export mentions`.

    What is scored is exactly what a user's index holds. A private data folder
    keeps the user's own alias file out of the measure. `index`: a folder kept
    between runs, whose NER cache spares the model a second pass (after a change
    to linking's rules only linking runs again).
    """
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "READER_DATA_DIR": str(Path(tmp) / "data")}
        base = [
            sys.executable,
            "-m",
            "reader",
            "--articles",
            str(corpus_dir / "text"),
            "--index",
            str(index or Path(tmp) / "index"),
        ]
        if model:
            base += ["--model", model]
        t0 = time.perf_counter()
        built = subprocess.run(
            [*base, "index", "--processes", "1"], capture_output=True, text=True, env=env
        )
        if built.returncode != 0:
            raise SystemExit(f"reader index failed: {built.stderr.strip()}")
        t1 = time.perf_counter()
        exported = subprocess.run(
            [*base, "export", "mentions", "-o", str(out_path)],
            capture_output=True,
            text=True,
            env=env,
        )
        if exported.returncode != 0:
            raise SystemExit(f"reader export failed: {exported.stderr.strip()}")
    rows = [json.loads(x) for x in out_path.read_text(encoding="utf-8").splitlines()]
    return {
        "model": model or "default",
        "docs": len(list((corpus_dir / "text").glob("*.txt"))),
        "mentions": len(rows),
        "entities": len({r["entity"] for r in rows}),
        **span_faults(rows),
        "index_s": round(t1 - t0, 2),
        "summary": built.stdout.strip(),
    }


def span_faults(rows: list[dict]) -> dict:
    """Spans exported twice, and mentions overlapping another in their article
    (both must be 0: a span is one row, and mentions never overlap; the names
    nested in a mention, rows with `nested` true, are counted apart)."""
    spans = sorted((r["doc"], r["start"], r["end"]) for r in rows)
    twice = sum(1 for a, b in zip(spans, spans[1:]) if a == b)
    unique = sorted({(r["doc"], r["start"], r["end"]) for r in rows if not r.get("nested")})
    overlapping = sum(1 for a, b in zip(unique, unique[1:]) if a[0] == b[0] and b[1] < a[2])
    nested = sum(1 for r in rows if r.get("nested"))
    return {"spans_twice": twice, "overlapping": overlapping, "nested": nested}


def score(corpus_dir: Path, pred_path: Path, eval_script: Path) -> dict:
    result = subprocess.run(
        [sys.executable, str(eval_script), str(corpus_dir), str(pred_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def format_table(scores: dict) -> str:
    rows = [
        ("detection", scores["detection"]),
        ("typed", scores["typed"]),
        ("linking B3", scores["linking_b3"]),
    ]
    lines = [f"{'':12} {'P':>6} {'R':>6} {'F1':>6}"]
    for name, s in rows:
        lines.append(f"{name:12} {s['p']:6.3f} {s['r']:6.3f} {s['f1']:6.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--model")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--out", type=Path, help="keep the predictions here")
    ap.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="path of entity_eval.py")
    ap.add_argument("--index", type=Path, help="keep the index (and its NER cache) in DIR")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp) / "pred.jsonl"
        info = produce_predictions(args.corpus, out, args.model, args.index)
        scores = score(args.corpus, out, args.eval)
    if args.json:
        print(json.dumps({"run": info, "scores": scores}))
    else:
        print(
            f"{args.corpus}: {info['docs']} docs, {info['mentions']} mentions, "
            f"{info['entities']} entities; model {info['model']}; reader index {info['index_s']} s"
        )
        print(
            f"spans exported twice: {info['spans_twice']}; overlapping mentions: {info['overlapping']}"
            f"; names nested in mentions: {info['nested']}"
        )
        print(format_table(scores))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
