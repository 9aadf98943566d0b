"""A name ends at a verb the verb list lacks: the part-of-speech tagger says where, only when the list cannot."""
from __future__ import annotations

from extractors import tasks
from extractors.verbs import verb_after_name


def _task(sentence: str) -> tuple[list[str], str] | None:
    t = tasks._task_from_text(sentence, None, 0, {"directive": False, "assignees": []})
    return ([a["name"] for a in t["assignees"]], t["text"]) if t else None


def test_an_unlisted_verb_ends_the_assignee_s_name() -> None:
    assert _task("Đề nghị Sở Tài chính thống kê số lượng viên chức hộ sinh") == (
        ["Sở Tài chính"], "thống kê số lượng viên chức hộ sinh")
    assert _task("Đề nghị các cơ quan có liên quan thống kê số lượng") == (
        ["Các cơ quan có liên quan"], "thống kê số lượng")  # a descriptor the tagger calls a verb is the name's


def test_a_listed_verb_still_decides_and_the_tagger_is_not_asked() -> None:
    assert _task("Đề nghị Sở Tài chính rà soát định mức") == (["Sở Tài chính"], "rà soát định mức")


def test_words_that_are_no_name_before_the_verb_give_no_assignee() -> None:
    assert verb_after_name("về việc cấp phép thống kê") is None  # a preposition opens it: no name
    assert verb_after_name("Sở thống kê") is None  # a head alone is no name
