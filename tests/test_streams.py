"""streams.py's messages, without a subprocess (tests/test_streams_env.py runs the real program)."""

import errno

import pytest

from pleegreflectie.streams import ClosedOutput, OutputError, _failed


def test_a_full_output_names_no_option_that_most_commands_do_not_have() -> None:
    error = _failed(OSError(errno.ENOSPC, "No space left on device"))
    assert "-o" not in error.message  # overzicht, start, hervat ... have no -o
    assert error.message.endswith("Probeer het opnieuw.")


def test_a_closed_output_says_what_to_do_without_an_option() -> None:
    with pytest.raises(OutputError) as caught:
        ClosedOutput().write("uitkomst")
    assert "-o" not in caught.value.message
    assert "Start het programma opnieuw in een terminal." in caught.value.message
