"""The catalog finds one format by id without parsing the others, and gives the same entry
that listing gives (shadows, fall-back past a broken file included)."""

from __future__ import annotations

from pathlib import Path

import pytest

from formatkern.catalog import Catalog, Source, builtin_dir, declared_id
from formatkern.errors import CatalogError

WORLD_CAFE = (builtin_dir() / "world-cafe.toml").read_text(encoding="utf-8")


def builtin() -> Catalog:
    return Catalog([Source("built-in", builtin_dir())])


def test_an_id_parses_only_its_own_file(parsed: list[str]) -> None:
    entry = builtin().entry("world-cafe")
    assert parsed == ["world-cafe.toml"]
    assert entry == Catalog([Source("built-in", builtin_dir())])._load()["world-cafe"]


def test_listing_still_parses_every_file(parsed: list[str]) -> None:
    catalog = builtin()
    catalog.entry("world-cafe")
    ids = catalog.ids()
    assert sorted(parsed) == sorted(p.name for p in builtin_dir().glob("*.toml"))
    assert "world-cafe" in ids
    assert parsed.count("world-cafe.toml") == 1, "a file parsed for the lookup is not parsed again"


def test_a_local_format_shadows_the_built_in_one(tmp_path: Path, parsed: list[str]) -> None:
    (tmp_path / "my-cafe.toml").write_text(WORLD_CAFE, encoding="utf-8")
    sources = [Source("built-in", builtin_dir()), Source(f"local {tmp_path}", tmp_path)]
    entry = Catalog(sources).entry("world-cafe")
    assert parsed == ["world-cafe.toml", "my-cafe.toml"]
    assert entry.path == tmp_path / "my-cafe.toml"
    assert entry.shadows == ("built-in",)
    assert entry == Catalog(sources)._load()["world-cafe"]


def test_a_broken_file_falls_back_to_the_one_it_would_shadow(tmp_path: Path) -> None:
    broken = WORLD_CAFE.replace("[[phases]]", "[[phases]]\nnot valid toml = = 1", 1)
    (tmp_path / "world-cafe.toml").write_text(broken, encoding="utf-8")
    sources = [Source("built-in", builtin_dir()), Source(f"local {tmp_path}", tmp_path)]
    catalog = Catalog(sources)
    entry = catalog.entry("world-cafe")
    assert entry.origin == "built-in"
    assert entry.shadows == ()
    assert catalog.problems == [], "problems are reported by listing, as before"
    catalog.ids()
    assert len(catalog.problems) == 1
    assert "world-cafe.toml" in catalog.problems[0]


def test_listing_reports_the_same_problems_in_the_same_order(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text("format = 1\nid = [", encoding="utf-8")
    (tmp_path / "b.toml").write_text(
        WORLD_CAFE.replace('id = "world-cafe"', 'id = "b"'), encoding="utf-8"
    )
    sources = [
        Source(f"local {tmp_path}", tmp_path),
        Source("local missing", tmp_path / "missing"),
        Source("built-in", builtin_dir()),
    ]
    looked_up = Catalog(sources)
    looked_up.entry("b")
    looked_up.ids()
    fresh = Catalog(sources)
    fresh.ids()
    assert looked_up.problems == fresh.problems
    assert len(fresh.problems) == 2
    assert "no such folder" in fresh.problems[1]


def test_an_id_that_cannot_be_read_quickly_is_still_found(tmp_path: Path) -> None:
    quoted = WORLD_CAFE.replace('id = "world-cafe"', "\"id\" = 'quoted-cafe'")
    assert declared_id(quoted) is None
    (tmp_path / "quoted.toml").write_text(quoted, encoding="utf-8")
    sources = [Source("built-in", builtin_dir()), Source(f"local {tmp_path}", tmp_path)]
    assert Catalog(sources).entry("quoted-cafe").path == tmp_path / "quoted.toml"


def test_an_unknown_id_names_the_known_ones() -> None:
    with pytest.raises(CatalogError, match="world-cafe"):
        builtin().entry("no-such-format")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('format = 1\nid = "a-b"\n', "a-b"),
        ('format = 1\n  id="x" # a comment\n', "x"),
        ('format = 1\n[meta]\nid = "x"\n', None),
        ('format = 1\nnote = """\nid = "x"\n"""\n', None),
        ("format = 1\nid = 'x'\n", None),
        ('format = 1\nid = "a\\u0041"\n', None),
        ('format = 1\nkind.id = "x"\n', None),
        ("format = 1\n", None),
    ],
)
def test_declared_id(text: str, expected: str | None) -> None:
    assert declared_id(text) == expected
