from kaman_lint.findings import Notice
from kaman_lint.notices import for_terminal


def test_frequent_kinds_are_counted_after_a_few():
    notices = [Notice("binary", "binary file skipped", f"img/{i}.png") for i in range(25)]
    notices.append(Notice("parse-error", "does not parse", "a.py"))
    lines = list(for_terminal(notices, shown_per_kind=10))
    assert sum("binary file skipped" in line for line in lines) == 10
    assert "a.py: does not parse" in lines
    assert lines[-1].startswith("... and 15 more 'binary' notices")


def test_rare_kinds_are_all_shown():
    notices = [Notice("unreadable", "cannot read", f"{i}.txt") for i in range(3)]
    assert len(list(for_terminal(notices))) == 3
