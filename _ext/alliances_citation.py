"""Local Sphinx extension: the book's version and citation on every page.

- Sets Sphinx's ``version``/``release`` from pyproject.toml, and stops the build when a copy
  of the citation metadata has drifted from its source (``book_metadata.check_copies``).
- Gives every page template ``alliances_meta`` (version, date, ...), which the footer
  component ``_templates/alliances-citation.html`` prints with a link to the "Cite this book" page.
- ``{alliances-citation}`` directive: the book's reference in one style (``apa``, ``chicago``,
  ``bibtex``) or its ``version`` line, written from CITATION.cff and pyproject.toml at build time.
- ``{book-pdf}`` role: a link to the printed edition (``full`` or ``handout``) that
  ``tools/print_book.py`` writes into the built site's ``pdf/`` folder.
"""

from __future__ import annotations

import book_metadata
from book_metadata import DOI_PENDING
from docutils import nodes
from sphinx.errors import ConfigError
from sphinx.util.docutils import SphinxDirective

# The site-relative location of each printed edition (tools/print_book.py writes them there).
PDF_FILES = {"full": "pdf/alliances.pdf", "handout": "pdf/alliances-no-solutions.pdf"}


def _set_version(app, config) -> None:
    problems = book_metadata.check_copies()
    if problems:
        raise ConfigError("citation metadata out of step:\n" + "\n".join(problems))
    meta = book_metadata.read_metadata()
    config.version = config.release = meta.version
    app.alliances_meta = meta


def _page_context(app, pagename, templatename, context, doctree) -> None:
    context["alliances_meta"] = app.alliances_meta


def _url(url: str, text: str | None = None) -> nodes.reference:
    """A link whose text is its URL (print.css does not print the URL a second time).

    The text sits in an inline node so that pydata-sphinx-theme's ShortenLinkTransform, which
    rewrites a GitHub link whose text is its URL to "owner/repo", leaves a reference alone."""
    return nodes.reference("", "", nodes.inline(text=text or url), refuri=url, classes=["alliances-url-shown"])


def _styled(before: str, title: str, after: str, link: str) -> nodes.paragraph:
    head, _, tail = after.rpartition(link)
    para = nodes.paragraph(classes=["alliances-reference"])
    para += nodes.Text(before)
    para += nodes.emphasis(text=title)
    para += nodes.Text(head)
    para += _url(link)
    para += nodes.Text(tail)
    return para


class CitationDirective(SphinxDirective):
    """``{alliances-citation} apa|chicago|bibtex|version``."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        meta = self.env.app.alliances_meta
        self.env.note_dependency(str(book_metadata.REPO / "CITATION.cff"))
        self.env.note_dependency(str(book_metadata.REPO / "pyproject.toml"))
        style = self.arguments[0]
        if style == "apa":
            return [_styled(*book_metadata.apa(meta), meta.link)]
        if style == "chicago":
            return [_styled(*book_metadata.chicago(meta), meta.link)]
        if style == "bibtex":
            text = book_metadata.bibtex(meta)
            block = nodes.literal_block(text, text, language="bibtex")
            return [block]
        if style == "version":
            para = nodes.paragraph(classes=["alliances-version"])
            para += nodes.Text(f"Version {meta.version}, released {meta.date.isoformat()}. DOI: ")
            if meta.doi:
                para += _url(meta.doi_url, meta.doi)
            else:
                para += nodes.Text(DOI_PENDING)
            para += nodes.Text(". Repository: ")
            para += _url(meta.repository)
            para += nodes.Text(".")
            return [para]
        raise self.error(f"alliances-citation: style must be one of apa, chicago, bibtex, version (got {style!r})")


def pdf_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{book-pdf}`label <full|handout>``` (or just ``full``): a relative link to the edition."""
    label, _, which = text.partition("<")
    which = (which.rstrip(">") or label).strip()
    if which not in PDF_FILES:
        msg = inliner.reporter.error(f"book-pdf: edition must be 'full' or 'handout' (got {which!r})", line=lineno)
        return [inliner.problematic(rawtext, rawtext, msg)], [msg]
    docname = inliner.document.settings.env.docname
    href = "../" * docname.count("/") + PDF_FILES[which]
    label = label.strip() if "<" in text else PDF_FILES[which].rsplit("/", 1)[1]
    return [nodes.reference(rawtext, label, refuri=href, classes=["alliances-pdf-link"])], []


def setup(app):
    app.connect("config-inited", _set_version)
    app.connect("html-page-context", _page_context)
    app.add_directive("alliances-citation", CitationDirective)
    app.add_role("book-pdf", pdf_role)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
