"""Scripted FORGE sessions of ``forge_economy.py``: projects, stories and model turns.

(``small-package`` is in ``forge_shop.py``.)

- ``all-files-fit``: 10 turns on a shop package whose files all fit the read window:
  look around, read three files, add a method and its tests, fail once, fix from the
  edit's own answer, pass.
- ``long-logs``: 30 turns on a text-statistics package whose suite fails with long
  logs (dozens of failing sub-tests) while the model edits one function again and
  again, re-reads windows of the module when an edit above shifted its lines, then a
  second function, and finishes with a test of its own.

Every edit's ``old_text`` is text the model has been shown as the file is at that
moment; the benchmark asserts it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.fakes.fake_model import Reply, reply, text_block, tool_use_block

from pace_app.config.repo import RepoConfig
from pace_app.domain.story import Story

Call = tuple[str, dict[str, Any]]
TEST_COMMAND = "python3 -m unittest -q"


@dataclass(frozen=True)
class Session:
    """A project, a story and the model's turns, each a list of tool calls."""

    name: str
    files: dict[str, str]
    story: Story
    script: tuple[tuple[Call, ...], ...]
    notes: tuple[str | None, ...] = ()
    test_command: str | None = TEST_COMMAND
    # The worktree gets a ``.venv`` (this interpreter's environment), as ``uv sync`` leaves.
    python_env: bool = False

    @property
    def config(self) -> RepoConfig:
        return RepoConfig.model_validate({"tech": {"test_command": self.test_command}})

    def turns(self) -> list[Reply]:
        """Return the scripted answers, one per turn, with fresh tool-use ids."""
        answers = []
        for index, calls in enumerate(self.script):
            note = self.notes[index] if index < len(self.notes) else None
            blocks = [text_block(note)] if note else []
            blocks += [tool_use_block(name, dict(arguments)) for name, arguments in calls]
            answers.append(reply(*blocks))
        return answers


def one(name: str, **arguments: Any) -> tuple[Call, ...]:
    """Return a turn making one call."""
    return ((name, arguments),)


# --- all-files-fit ---------------------------------------------------------------

PRICING = (
    '"""Unit prices and tax rates."""\n\n'
    'TAX_RATES = {\n    "standard": 0.2,\n    "reduced": 0.05,\n    "zero": 0.0,\n}\n\n'
    "PRICES = {\n"
    + "".join(f'    "sku-{n:03d}": {1 + (n * 37 % 1900) / 100:.2f},\n' for n in range(160))
    + "}\n\n\n"
    "def unit_price(sku: str) -> float:\n"
    '    """Return the unit price of a SKU."""\n'
    "    try:\n"
    "        return PRICES[sku]\n"
    "    except KeyError:\n"
    '        raise ValueError(f"unknown SKU {sku!r}") from None\n'
)

SUBTOTAL = '''    def subtotal(self) -> float:
        """Return the price before tax."""
        return round(sum(unit_price(line.sku) * line.quantity for line in self.lines), 2)
'''

CART = (
    '''"""A shopping cart: lines of SKUs and quantities."""

from __future__ import annotations

from dataclasses import dataclass, field

from shop.pricing import TAX_RATES, unit_price


@dataclass
class Line:
    """One SKU in the cart."""

    sku: str
    quantity: int


@dataclass
class Cart:
    """The lines a customer is about to buy."""

    lines: list[Line] = field(default_factory=list)

    def add(self, sku: str, quantity: int = 1) -> None:
        """Add ``quantity`` of a SKU, merging with an existing line."""
        if quantity < 1:
            raise ValueError("quantity must be at least 1")
        unit_price(sku)  # refuse unknown SKUs early
        for line in self.lines:
            if line.sku == sku:
                line.quantity += quantity
                return
        self.lines.append(Line(sku, quantity))

    def remove(self, sku: str) -> None:
        """Remove a SKU's line."""
        self.lines = [line for line in self.lines if line.sku != sku]

    def count(self) -> int:
        """Return the number of items."""
        return sum(line.quantity for line in self.lines)

'''
    + SUBTOTAL
)

SUBTOTAL_TEST = '        self.assertEqual(cart.subtotal(), round(2 * unit_price("sku-001"), 2))\n'

CART_TESTS = (
    """import unittest

from shop.cart import Cart
from shop.pricing import unit_price


class CartTest(unittest.TestCase):
    def test_add_merges_lines(self):
        cart = Cart()
        cart.add("sku-001")
        cart.add("sku-001", 2)
        self.assertEqual(cart.count(), 3)
        self.assertEqual(len(cart.lines), 1)

    def test_unknown_sku_is_refused(self):
        with self.assertRaises(ValueError):
            Cart().add("nope")

    def test_remove(self):
        cart = Cart()
        cart.add("sku-001")
        cart.remove("sku-001")
        self.assertEqual(cart.count(), 0)

    def test_subtotal(self):
        cart = Cart()
        cart.add("sku-001", 2)
"""
    + SUBTOTAL_TEST
    + """

if __name__ == "__main__":
    unittest.main()
"""
)

BUGGY_TOTAL = "        return round(self.subtotal() * TAX_RATES[rate], 2)\n"

ALL_FILES_FIT = Session(
    name="all-files-fit",
    files={
        "README.md": "# shop\n\nA tiny shop: carts, prices and taxes.\n",
        "shop/__init__.py": '"""A tiny shop."""\n',
        "shop/pricing.py": PRICING,
        "shop/cart.py": CART,
        "tests/__init__.py": "",
        "tests/test_cart.py": CART_TESTS,
    },
    story=Story(
        title="Cart totals with tax",
        criteria=(
            "Cart.total(rate) returns the subtotal plus tax at the named rate, rounded to cents",
            "an unknown rate is refused with ValueError",
        ),
        out_of_scope=("discounts",),
        context="The checkout page needs the price with tax.",
    ),
    script=(
        one("list_files", path="."),
        one("read_file", path="shop/cart.py"),
        one("read_file", path="shop/pricing.py"),
        one("read_file", path="tests/test_cart.py"),
        one(
            "edit_file",
            path="shop/cart.py",
            old_text=SUBTOTAL,
            new_text=SUBTOTAL
            + '\n    def total(self, rate: str = "standard") -> float:\n'
            + '        """Return the price with tax at the named rate."""\n'
            + BUGGY_TOTAL,
        ),
        one(
            "edit_file",
            path="tests/test_cart.py",
            old_text=SUBTOTAL_TEST,
            new_text=SUBTOTAL_TEST
            + "\n    def test_total_adds_the_tax(self):\n"
            + "        cart = Cart()\n"
            + '        cart.add("sku-001", 2)\n'
            + "        self.assertEqual(cart.total(), round(cart.subtotal() * 1.2, 2))\n"
            + '        self.assertEqual(cart.total("zero"), cart.subtotal())\n'
            + "\n    def test_an_unknown_rate_is_refused(self):\n"
            + "        with self.assertRaises(ValueError):\n"
            + '            Cart().total("luxury")\n',
        ),
        one("run_tests"),
        one(
            "edit_file",
            path="shop/cart.py",
            old_text=BUGGY_TOTAL,
            new_text="        if rate not in TAX_RATES:\n"
            + '            raise ValueError(f"unknown tax rate {rate!r}")\n'
            + "        return round(self.subtotal() * (1 + TAX_RATES[rate]), 2)\n",
        ),
        one("run_tests"),
        one(
            "complete_handoff",
            summary="Cart.total(rate) adds tax at a named rate; unknown rates raise ValueError.",
            files_changed=["shop/cart.py", "tests/test_cart.py"],
            tests_added=["test_total_adds_the_tax", "test_an_unknown_rate_is_refused"],
        ),
    ),
    notes=(
        "Let me look at the package first.",
        None,
        None,
        None,
        "I will add total() below subtotal().",
        None,
        None,
        "The tax is added to the subtotal, not multiplied alone; unknown rates need a check.",
    ),
)

# --- long-logs -------------------------------------------------------------------

STOPWORD_TEXT = (
    "a about above after again against all am an and any are as at be because been "
    "before being below between both but by can did do does doing down during each "
    "few for from further had has have having he her here hers herself him himself "
    "his how i if in into is it its itself just me more most my myself no nor not "
    "now of off on once only or other our ours ourselves out over own same she "
    "should so some such than that the their theirs them themselves then there these "
    "they this those through to too under until up very was we were what when where "
    "which while who whom why will with you your yours yourself yourselves "
)
STOPWORDS = sorted(set(STOPWORD_TEXT.split()))

NORMALISE_V0 = "    return word.lower()\n"
NORMALISE_V1 = '    return word.lower().translate(str.maketrans("", "", string.punctuation))\n'
NORMALISE_V2 = "    return word.lower().strip(string.punctuation)\n"
NORMALISE_V3 = (
    '    folded = unicodedata.normalize("NFKD", word.lower())\n'
    '    plain = "".join(char for char in folded if not unicodedata.combining(char))\n'
    "    return plain.strip(string.punctuation)\n"
)
NORMALISE_V4 = NORMALISE_V3.replace("word.lower()", "word.casefold()")
TOP_V0 = "    return word_counts(text).most_common(n)\n"
TOP_V1 = (
    "    counts = Counter(word for word in tokens(text) if word not in STOPWORDS)\n"
    "    return counts.most_common(n)\n"
)
TOP_V2 = "    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:n]\n"

CORE = (
    '"""Word statistics for plain text: tokens, counts, top words and readability."""\n\n'
    "from __future__ import annotations\n\n"
    "import re\n"
    "from collections import Counter\n"
    "from collections.abc import Iterable, Iterator\n\n"
    "STOPWORDS = frozenset(\n    {\n"
    + "".join(f'        "{word}",\n' for word in STOPWORDS)
    + "    }\n)\n"
    + r'''WORD = re.compile(r"\S+")
SENTENCE_END = re.compile(r"[.!?]+")
VOWEL_GROUPS = re.compile(r"[aeiouy]+")


def normalise(word: str) -> str:
    """Return the form under which a word is counted."""
'''
    + NORMALISE_V0
    + '''

def tokens(text: str) -> Iterator[str]:
    """Yield the normalised words of a text, skipping what normalises to nothing."""
    for match in WORD.finditer(text):
        word = normalise(match.group())
        if word:
            yield word


def word_counts(text: str) -> Counter[str]:
    """Return how often each word occurs."""
    return Counter(tokens(text))


def top_words(text: str, n: int = 10) -> list[tuple[str, int]]:
    """Return the ``n`` most frequent words that are not stop words, with their counts."""
'''
    + TOP_V0
    + '''

def sentences(text: str) -> list[str]:
    """Split a text into sentences at full stops, exclamation and question marks."""
    return [part.strip() for part in SENTENCE_END.split(text) if part.strip()]


def syllables(word: str) -> int:
    """Estimate the syllables of a word by its vowel groups."""
    groups = VOWEL_GROUPS.findall(word.lower())
    count = len(groups)
    if word.lower().endswith("e") and count > 1:
        count -= 1
    return max(1, count)


def flesch_reading_ease(text: str) -> float:
    """Return the Flesch reading-ease score of a text (higher is easier)."""
    words = list(tokens(text))
    if not words:
        return 0.0
    sentence_count = max(1, len(sentences(text)))
    syllable_count = sum(syllables(word) for word in words)
    return round(
        206.835 - 1.015 * (len(words) / sentence_count) - 84.6 * (syllable_count / len(words)),
        2,
    )


def lexical_density(text: str) -> float:
    """Return the share of words that are not stop words."""
    words = list(tokens(text))
    if not words:
        return 0.0
    return round(sum(1 for word in words if word not in STOPWORDS) / len(words), 3)


def longest_words(text: str, n: int = 5) -> list[str]:
    """Return the ``n`` longest distinct words, longest first, ties alphabetical."""
    return sorted(set(tokens(text)), key=lambda word: (-len(word), word))[:n]


def summary(text: str) -> dict[str, float | int]:
    """Return the main statistics of a text in one dictionary."""
    words = list(tokens(text))
    return {
        "words": len(words),
        "distinct": len(set(words)),
        "sentences": len(sentences(text)),
        "reading_ease": flesch_reading_ease(text),
        "density": lexical_density(text),
    }


def merge_counts(counts: Iterable[Counter[str]]) -> Counter[str]:
    """Add the word counts of several texts together."""
    total: Counter[str] = Counter()
    for count in counts:
        total.update(count)
    return total
'''
)

BASE_TEXT = (
    "hello world python counting words letters reading writing numbers tokens "
    "sentence paragraph library module function"
)
BASES = BASE_TEXT.split()
DECORATIONS = ("{}", "{},", "{}.", "({})", '"{}"', "{}!", "{}?", "{};")
CASES = [
    (decoration.format(base.capitalize() if index % 2 else base), base)
    for index, base in enumerate(BASES)
    for decoration in DECORATIONS
] + [
    ("Café", "cafe"),
    ("naïve", "naive"),
    ("Über", "uber"),
    ("résumé", "resume"),
    ("Straße", "strasse"),
    ("don't", "don't"),
    ("rock'n'roll", "rock'n'roll"),
    ("co-operate", "co-operate"),
    ("'quoted'", "quoted"),
    ("--", ""),
]
TIES_TEST = "    def test_punctuation_does_not_split_counts(self):\n"

CORE_TESTS = (
    "import unittest\n\n"
    "from textstats.core import longest_words, normalise, sentences, summary, top_words\n\n"
    "CASES = [\n"
    + "".join(f"    ({word!r}, {expected!r}),\n" for word, expected in CASES)
    + "]\n\n\n"
    + """class NormaliseTest(unittest.TestCase):
    def test_normalise(self):
        for word, expected in CASES:
            with self.subTest(word=word):
                self.assertEqual(normalise(word), expected)


class TopWordsTest(unittest.TestCase):
    def test_stop_words_are_skipped(self):
        text = "the cat and the hat and the bat"
        self.assertEqual(top_words(text, 3), [("bat", 1), ("cat", 1), ("hat", 1)])

    def test_ties_are_alphabetical(self):
        text = "pear apple pear apple fig"
        self.assertEqual(top_words(text, 2), [("apple", 2), ("pear", 2)])

"""
    + TIES_TEST
    + """        text = "Word, word. WORD! word?"
        self.assertEqual(top_words(text, 1), [("word", 4)])


class OtherStatsTest(unittest.TestCase):
    def test_sentences(self):
        self.assertEqual(sentences("One. Two! Three?"), ["One", "Two", "Three"])

    def test_longest_words(self):
        self.assertEqual(longest_words("a bb ccc dd", 2), ["ccc", "bb"])

    def test_summary_counts(self):
        self.assertEqual(summary("A cat. A hat.")["words"], 4)


if __name__ == "__main__":
    unittest.main()
"""
)

NORMALISE_LINE = CORE.splitlines().index(NORMALISE_V0.rstrip("\n")) + 1
TOP_LINE = CORE.splitlines().index(TOP_V0.rstrip("\n")) + 1
CORE_PATH = "textstats/core.py"
TESTS_PATH = "tests/test_core.py"

LONG_LOGS = Session(
    name="long-logs",
    files={
        "README.md": "# textstats\n\nWord statistics for plain text.\n",
        "textstats/__init__.py": '"""Word statistics."""\n',
        CORE_PATH: CORE,
        "tests/__init__.py": "",
        TESTS_PATH: CORE_TESTS,
    },
    story=Story(
        title="Count words the way readers see them",
        criteria=(
            "normalise() ignores case, surrounding punctuation and accents, and keeps "
            "inner apostrophes and hyphens",
            "top_words() skips stop words and orders ties alphabetically",
        ),
        out_of_scope=("stemming",),
        context="Counts split 'Word,' from 'word' and 'Café' from 'cafe'.",
    ),
    script=(
        one("list_files", path="."),
        one("read_file", path=CORE_PATH),
        one("read_file", path=TESTS_PATH),
        one("run_tests"),
        one("search_code", pattern=r"normalise\("),
        one("edit_file", path=CORE_PATH, old_text=NORMALISE_V0, new_text=NORMALISE_V1),
        one("run_tests"),
        one(
            "edit_file",
            path=CORE_PATH,
            old_text="import re\n",
            new_text="import re\nimport string\n",
        ),
        one("run_tests"),
        one("read_file", path=TESTS_PATH, start_line=1, end_line=45),
        one(
            "read_file", path=CORE_PATH, start_line=NORMALISE_LINE - 4, end_line=NORMALISE_LINE + 8
        ),
        one("edit_file", path=CORE_PATH, old_text=NORMALISE_V1, new_text=NORMALISE_V2),
        one("run_tests"),
        one(
            "edit_file",
            path=CORE_PATH,
            old_text="import string\n",
            new_text="import string\nimport unicodedata\n",
        ),
        one(
            "read_file", path=CORE_PATH, start_line=NORMALISE_LINE - 3, end_line=NORMALISE_LINE + 9
        ),
        one("edit_file", path=CORE_PATH, old_text=NORMALISE_V2, new_text=NORMALISE_V3),
        one("run_tests"),
        one("edit_file", path=CORE_PATH, old_text=NORMALISE_V3, new_text=NORMALISE_V4),
        one("run_tests"),
        one("read_file", path=CORE_PATH, start_line=TOP_LINE - 6, end_line=TOP_LINE + 6),
        one("edit_file", path=CORE_PATH, old_text=TOP_V0, new_text=TOP_V1),
        one("run_tests"),
        one(
            "edit_file",
            path=CORE_PATH,
            old_text="    return counts.most_common(n)\n",
            new_text=TOP_V2,
        ),
        one("run_tests"),
        one("read_file", path=TESTS_PATH, start_line=len(CASES) + 10),
        one(
            "edit_file",
            path=TESTS_PATH,
            old_text=TIES_TEST,
            new_text="    def test_accents_do_not_split_counts(self):\n"
            + '        self.assertEqual(top_words("Café cafe CAFÉ", 1), [("cafe", 3)])\n\n'
            + TIES_TEST,
        ),
        one("run_tests"),
        one("search_code", pattern=r"normalise\("),
        one("list_files", path="textstats"),
        one(
            "complete_handoff",
            summary="normalise() folds case and accents and strips outer punctuation; "
            "top_words() skips stop words and sorts ties alphabetically.",
            files_changed=[CORE_PATH, TESTS_PATH],
            tests_added=["test_accents_do_not_split_counts"],
        ),
    ),
    notes=(
        "Looking at the package.",
        None,
        None,
        None,
        None,
        "Strip punctuation first.",
        None,
        "string is not imported.",
        None,
        None,
        "The import moved normalise down a line; reading it again.",
        "Inner apostrophes and hyphens must stay: strip only the ends.",
        None,
        "Accents next: unicodedata.",
        None,
        None,
        None,
        "casefold() also folds ß to ss.",
        None,
        "Now top_words.",
        None,
        None,
        "Ties must be alphabetical.",
    ),
)
