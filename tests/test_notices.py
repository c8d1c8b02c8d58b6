from kaman_lint.findings import Notice
from kaman_lint.notices import for_terminal


def test_frequent_kinds_are_counted_after_a_few():
    notices = [Notice("parse-error", "does not parse", f"web/{i}.js") for i in range(25)]
    notices.append(Notice("unreadable", "cannot read", "a.py"))
    lines = list(for_terminal(notices, shown_per_kind=10))
    assert sum("does not parse" in line for line in lines) == 10
    assert "a.py: cannot read" in lines
    assert lines[-1].startswith("... and 15 more 'parse-error' notices")


def test_binary_files_get_no_line_each():
    notices = [Notice("binary", "binary file skipped", f"img/{i}.png") for i in range(3)]
    notices.append(Notice("too-large", "over max-file-size", "dump.sql"))
    assert list(for_terminal(notices)) == ["dump.sql: over max-file-size"]


def test_rare_kinds_are_all_shown():
    notices = [Notice("unreadable", "cannot read", f"{i}.txt") for i in range(3)]
    assert len(list(for_terminal(notices))) == 3


def test_a_notice_about_no_file_is_its_message_alone():
    # the command line puts `kaman-lint: ` in front of every line; a pathless notice said it twice
    notices = [Notice("history-unreadable", "shallow clone: the history before 1 commit(s) is not here")]
    assert list(for_terminal(notices)) == ["shallow clone: the history before 1 commit(s) is not here"]
