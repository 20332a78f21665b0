"""The near-duplicate settings (see duplicates.py), apart from the code that
signs (signatures.py, with numpy), so that checking them loads no numpy."""

SHINGLE = 5
#: Only an article's first characters (about 3,000 words) are signed: versions of
#: a story share their beginning, and a 29,000-word feature costs no more than that.
SIGNED_CHARS = 20_000
NUM_PERM = 128
THRESHOLD = 0.5
SEED = 1987
#: Stored with the index: signatures made with other settings are made again.
PARAMS = f"minhash-affine32/{NUM_PERM}/{SEED}/shingle{SHINGLE}/t{THRESHOLD}/c{SIGNED_CHARS}"
