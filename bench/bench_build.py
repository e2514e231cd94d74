"""Throughput of `newsprep build` on a synthetic corpus, against bare jieba.lcut on the same text.

    python bench/bench_build.py --articles 1000

The corpus is SYNTHETIC: sentences assembled at random from templates and gazetteer names, each
article marked 【合成测试数据】. It is written to a temporary folder and deleted afterwards; it is
never shipped as data. Prints articles/s and MB/s for the build (read, clean, extract, tables,
snapshot) and for extraction alone, bare jieba.lcut MB/s on the same texts, and the ratios, then
one line of JSON with every figure. Extraction and jieba are each timed --repeat times and the
fastest run kept.
"""

from __future__ import annotations

import argparse
import resource
import os
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsprep.gazetteer import gazetteer  # noqa: E402

MARK = "【合成测试数据】"
TEMPLATES = [
    "{year}年{month}月{day}日，{a}与{b}签署战略合作协议，双方将在人工智能与科学计算领域开展合作。",
    "{a}近日完成新一轮{amount}融资，本轮融资由{inv}领投，{inv2}跟投。",
    "{a}成立于{year}年，总部位于{city}，主攻智能计算和新材料研发。",
    "{a}主任{person}表示，实验室将继续加大在生物计算方向的投入。",
    "今年{month}月，{a}发布新一代科学计算平台，吸引了{b}等机构参与测试。",
    "据了解，{a}与{b}共建的联合研究中心已于{year}年{month}月揭牌。",
    "该项目总投资{amount}，预计到{future}年建成投用。",
    "业内人士认为，科学智能正在改变药物研发和材料设计的方式，数据和算力是关键。",
    "会议期间，与会专家围绕算法、数据、算力三大要素展开讨论，并就人才培养提出建议。",
]
PEOPLE = ["王建国", "李晓明", "张海峰", "陈志远", "刘思源", "赵国栋", "孙立群", "周文涛"]
AMOUNTS = ["数亿元", "超5亿元人民币", "1.2亿美元", "近亿元", "3000万元", "逾10亿元"]
CITIES = ["北京", "上海", "杭州", "深圳", "合肥", "成都", "南京", "武汉"]


def synthetic_corpus(folder: Path, count: int, seed: int = 7) -> int:
    rng = random.Random(seed)
    orgs = [o.name for o in gazetteer().orgs]
    investors = [o.name for o in gazetteer().orgs if o.type == "investor"]
    total = 0
    for index in range(count):
        sentences = [MARK]
        for _ in range(rng.randint(12, 24)):
            sentences.append(rng.choice(TEMPLATES).format(
                year=rng.randint(2015, 2025), month=rng.randint(1, 12), day=rng.randint(1, 28),
                future=rng.randint(2026, 2030), a=rng.choice(orgs), b=rng.choice(orgs),
                inv=rng.choice(investors), inv2=rng.choice(investors), amount=rng.choice(AMOUNTS),
                person=rng.choice(PEOPLE), city=rng.choice(CITIES)))
        text = "\n".join(sentences) + f"\n（第{index}篇）\n"
        (folder / f"synthetic_{index:05d}.txt").write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    return total


def sample_replay_corpus(folder: Path, count: int) -> int:
    """The bundled real articles repeated to `count` files; each copy is made unique (so none is a
    duplicate) by a marked line. Real text is sparser in names and events than the synthetic one."""
    samples = sorted((Path(__file__).resolve().parent.parent / "data" / "articles").iterdir())
    total = 0
    for index in range(count):
        source = samples[index % len(samples)]
        # after the first sentence: a marker at the end would be cut with the footers
        text = source.read_text(encoding="utf-8").replace("。", f"。{MARK}（副本{index}）", 1)
        (folder / f"replay_{index:05d}{source.suffix}").write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3,
                        help="time extraction and jieba this many times each and keep the fastest (the machine is noisy)")
    parser.add_argument("--corpus", choices=["synthetic", "samples"], default="synthetic",
                        help="synthetic: generated sentences (dense in names and events); "
                             "samples: the bundled real articles replayed")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="worker processes of the parallel build (it is timed next to a one-worker build)")
    args = parser.parse_args()

    import jieba

    from newsprep.build import build_snapshot
    from newsprep.clean import clean
    from newsprep.extract import extract
    from newsprep.dates import PartialDate
    from newsprep.nlp import tokenizer, word_tags

    tokenizer()  # load dictionaries before timing; both sides are timed warm
    word_tags()
    jieba.initialize()
    with tempfile.TemporaryDirectory(prefix="newsprep-bench-") as tmp:
        corpus = Path(tmp) / args.corpus
        corpus.mkdir()
        make = synthetic_corpus if args.corpus == "synthetic" else sample_replay_corpus
        size = make(corpus, args.articles)
        mb = size / 1e6
        texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.iterdir())]

        start = time.perf_counter()
        result, _ = build_snapshot([corpus], out=Path(tmp) / "tables", cache_dir=None)
        build_seconds = time.perf_counter() - start
        start = time.perf_counter()
        build_snapshot([corpus], out=Path(tmp) / "tables_parallel", cache_dir=None, workers=args.workers)
        parallel_seconds = time.perf_counter() - start

        cleaned = [clean(t, "<p" in t or "<div" in t).text for t in texts]
        cleaned_mb = sum(len(t.encode("utf-8")) for t in cleaned) / 1e6
        extract_seconds = min(_time(lambda text: extract("b", text, PartialDate()), cleaned) for _ in range(args.repeat))
        jieba_raw = min(_time(jieba.lcut, texts) for _ in range(args.repeat))
        jieba_cleaned = min(_time(jieba.lcut, cleaned) for _ in range(args.repeat))

    n = args.articles
    print(f"{args.corpus} corpus: {n} articles, {mb:.2f} MB raw, {cleaned_mb:.2f} MB cleaned "
          f"({result.count('ok')} built ok)")
    print(f"build (raw input):      {n / build_seconds:8.1f} articles/s  {mb / build_seconds:6.3f} MB/s")
    print(f"jieba.lcut (raw):       {n / jieba_raw:8.1f} articles/s  {mb / jieba_raw:6.3f} MB/s")
    print(f"extract (cleaned text): {n / extract_seconds:8.1f} articles/s  {cleaned_mb / extract_seconds:6.3f} MB/s")
    print(f"jieba.lcut (cleaned):   {n / jieba_cleaned:8.1f} articles/s  {cleaned_mb / jieba_cleaned:6.3f} MB/s")
    print(f"build with {args.workers} workers:    {n / parallel_seconds:8.1f} articles/s  "
          f"({build_seconds / parallel_seconds:.2f}x one worker)")
    print(f"ratio build/jieba (same raw text):       {jieba_raw / build_seconds:.2f}")
    print(f"ratio extract/jieba (same cleaned text): {jieba_cleaned / extract_seconds:.2f}")
    print(json.dumps({
        "corpus": args.corpus, "articles": n, "workers": args.workers, "articles_per_s": round(n / parallel_seconds, 1),
        "one_worker_articles_per_s": round(n / build_seconds, 1),
        "speedup_vs_one_worker": round(build_seconds / parallel_seconds, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "build_mb_per_s": round(mb / build_seconds, 3), "extract_mb_per_s": round(cleaned_mb / extract_seconds, 3),
        "jieba_mb_per_s": round(cleaned_mb / jieba_cleaned, 3),
        "build_vs_jieba_per_core": round(jieba_raw / build_seconds, 2),
        "extract_vs_jieba": round(jieba_cleaned / extract_seconds, 2),
    }))


def _time(function, texts) -> float:
    start = time.perf_counter()
    for text in texts:
        function(text)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
