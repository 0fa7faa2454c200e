"""The README a teacher reads first: its table names every demo page, in its section, and its picture
is there."""

import re
from pathlib import Path

from pages.widgets.catalog import DEMOS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def test_the_table_of_demos_has_a_row_for_every_page_in_its_section():
    rows = {}
    for line in README.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == 4:
            rows[cells[1]] = cells
    for demo in DEMOS:
        row = rows.get(f"{demo.icon} {demo.title}")
        assert row is not None, f"README's table of demos lacks {demo.title}"
        assert row[0] == demo.section and row[3], f"{demo.title}: section {row[0]}, lecture {row[3]!r}"
    assert len(rows) == len(DEMOS) + 2  # the header and its rule


def test_every_picture_and_file_the_readme_links_is_in_the_repository():
    for target in re.findall(r"\]\(([^)#]+)\)", README):
        if not target.startswith("http"):
            assert (ROOT / target).exists(), f"README links {target}, which is not in the repository"
