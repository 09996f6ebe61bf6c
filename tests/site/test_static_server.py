"""The local server the browser tests use: quiet when the browser hangs up, loud on any other fault."""

from __future__ import annotations

from .browser_support import StaticServer


def test_a_browser_hanging_up_prints_nothing_but_other_faults_are_reported(tmp_path, capsys) -> None:
    server = StaticServer(tmp_path)
    try:
        for hang_up in (BrokenPipeError(32, "Broken pipe"), ConnectionResetError(104, "Connection reset by peer")):
            try:
                raise hang_up
            except OSError:
                server.httpd.handle_error(None, ("127.0.0.1", 1))
        assert capsys.readouterr().err == ""
        try:
            raise ValueError("a real fault in the handler")
        except ValueError:
            server.httpd.handle_error(None, ("127.0.0.1", 1))
        assert "ValueError: a real fault in the handler" in capsys.readouterr().err
    finally:
        server.httpd.server_close()
