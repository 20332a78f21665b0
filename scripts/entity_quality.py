"""Entity extraction + linking quality on a gold corpus.

usage: python scripts/entity_quality.py CORPUS_DIR [--model NAME] [--json]
                                        [--out PRED.jsonl] [--eval EVAL.py]

Runs extraction and linking over CORPUS_DIR/text/*.txt, writes the predictions
(one mention a line: doc, start, end, text, label, entity) and scores them with
the shared entity_eval.py. `produce_predictions` is the only step that knows how
predictions are made, so it can later call `reader export mentions` instead.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DEFAULT_EVAL = REPO.parent / "shared" / "eval" / "entity_eval.py"


def produce_predictions(corpus_dir: Path, out_path: Path, model: str | None) -> dict:
    """Write predicted mentions for corpus_dir/text/*.txt to out_path; return timings."""
    from reader.entities.extract import extract_mentions
    from reader.entities.linking import link_collection
    from reader.entities.model import load_model, resolve_model_name

    paths = sorted((corpus_dir / "text").glob("*.txt"))
    texts = [p.read_text() for p in paths]
    name = resolve_model_name(model)
    t0 = time.perf_counter()
    nlp = load_model(name)
    t1 = time.perf_counter()
    raw = list(extract_mentions(nlp, texts))
    t2 = time.perf_counter()
    docs = {p.stem: (text, mentions) for p, text, mentions in zip(paths, texts, raw)}
    linked, entities = link_collection(docs)
    t3 = time.perf_counter()
    with out_path.open("w", encoding="utf-8") as f:
        for m in linked:
            f.write(json.dumps({"doc": m.doc, "start": m.start, "end": m.end, "text": m.text,
                                "label": m.label, "entity": m.entity}) + "\n")
    return {"model": name, "docs": len(paths), "mentions": len(linked), "entities": len(entities),
            "load_s": round(t1 - t0, 2), "extract_s": round(t2 - t1, 2), "link_s": round(t3 - t2, 3)}


def score(corpus_dir: Path, pred_path: Path, eval_script: Path) -> dict:
    result = subprocess.run([sys.executable, str(eval_script), str(corpus_dir), str(pred_path)],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def format_table(scores: dict) -> str:
    rows = [("detection", scores["detection"]), ("typed", scores["typed"]), ("linking B3", scores["linking_b3"])]
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
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp) / "pred.jsonl"
        info = produce_predictions(args.corpus, out, args.model)
        scores = score(args.corpus, out, args.eval)
    if args.json:
        print(json.dumps({"run": info, "scores": scores}))
    else:
        print(f"{args.corpus}: {info['docs']} docs, {info['mentions']} mentions, "
              f"{info['entities']} entities; model {info['model']}; "
              f"extract {info['extract_s']}s, link {info['link_s']}s")
        print(format_table(scores))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
