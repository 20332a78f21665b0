"""Remembered positions: per collection, atomic, forgiving of damage."""

from __future__ import annotations

from reader.userdata import Position, load_position, save_position


def test_round_trip_per_collection(private_data_dir, tmp_path):
    save_position(tmp_path / "a", Position("one", 10, 12))
    save_position(tmp_path / "b", Position("two"))
    assert load_position(tmp_path / "a") == Position("one", 10, 12)
    assert load_position(tmp_path / "b") == Position("two", 0, None)
    assert load_position(tmp_path / "c") is None
    assert [p.name for p in private_data_dir.iterdir()] == ["positions.json"]  # no temp left


def test_damaged_file_reads_as_nothing(private_data_dir, tmp_path):
    private_data_dir.mkdir(parents=True)
    (private_data_dir / "positions.json").write_text("{not json")
    assert load_position(tmp_path) is None
    save_position(tmp_path, Position("x", 1, None))
    assert load_position(tmp_path) == Position("x", 1, None)


def test_bad_values_are_ignored(private_data_dir, tmp_path):
    private_data_dir.mkdir(parents=True)
    key = str(tmp_path.absolute())
    (private_data_dir / "positions.json").write_text(
        '{"%s": {"article_id": "x", "top_offset": -5, "mention_start": "y"}}' % key
    )
    assert load_position(tmp_path) == Position("x", 0, None)
