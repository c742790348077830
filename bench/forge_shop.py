"""The ``small-package`` session of ``forge_economy.py``: a shop package tested with pytest.

A realistic small package: a cart module of about 560 lines (the cart, then some forty
bundle promotions and their registry), a price table, and a pytest suite of some sixty
tests. In 10 turns the model lists the files, searches for the cart's totals, reads a
numbered window of the cart module around what the search found, reads the tests,
adds ``Cart.total`` and its tests, fails once (two failing tests), fixes the method
from the first edit's own answer, passes, and hands off.
"""

from __future__ import annotations

from bench.forge_sessions import Session, one

from pace_app.domain.story import Story

TEST_COMMAND = "python3 -m pytest"

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

THEMES = (
    "garden",
    "kitchen",
    "office",
    "bathroom",
    "bedroom",
    "garage",
    "nursery",
    "patio",
    "pantry",
    "studio",
    "workshop",
    "library",
    "attic",
    "cellar",
    "hallway",
    "balcony",
    "laundry",
    "playroom",
    "porch",
    "veranda",
    "greenhouse",
    "boathouse",
    "bakery",
    "camping",
    "cycling",
    "fishing",
    "hiking",
    "picnic",
    "reading",
    "sewing",
    "painting",
    "pottery",
    "baking",
    "brewing",
    "climbing",
    "skating",
    "surfing",
    "sailing",
    "skiing",
    "yoga",
)

SUBTOTAL = '''    def subtotal(self) -> float:
        """Return the price before tax and promotions."""
        return round(sum(unit_price(line.sku) * line.quantity for line in self.lines), 2)
'''


def _promotion(index: int, theme: str) -> str:
    low = (index * 7) % 150
    high = low + 3 + index % 6
    least = 2 + index % 4
    percent = 5 + (index * 3) % 20
    return f'''

def {theme}_bundle(cart: Cart) -> float:
    """The {theme} bundle: {percent}% off SKUs {low}-{high} when {least} or more are bought."""
    eligible = [line for line in cart.lines if {low} <= sku_number(line.sku) <= {high}]
    if sum(line.quantity for line in eligible) < {least}:
        return 0.0
    value = sum(unit_price(line.sku) * line.quantity for line in eligible)
    return round(value * {percent / 100:.2f}, 2)
'''


CART = (
    '''"""A shopping cart: lines of SKUs and quantities, bundle promotions and totals."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from shop.pricing import TAX_RATES, unit_price

MAX_QUANTITY = 99


def sku_number(sku: str) -> int:
    """Return the number of a SKU such as ``sku-042``."""
    return int(sku.removeprefix("sku-"))


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
                line.quantity = min(MAX_QUANTITY, line.quantity + quantity)
                return
        self.lines.append(Line(sku, min(MAX_QUANTITY, quantity)))

    def remove(self, sku: str) -> None:
        """Remove a SKU's line."""
        self.lines = [line for line in self.lines if line.sku != sku]

    def set_quantity(self, sku: str, quantity: int) -> None:
        """Change a line's quantity; zero removes it."""
        if quantity == 0:
            self.remove(sku)
            return
        for line in self.lines:
            if line.sku == sku:
                line.quantity = min(MAX_QUANTITY, quantity)
                return
        raise KeyError(sku)

    def count(self) -> int:
        """Return the number of items."""
        return sum(line.quantity for line in self.lines)

    def is_empty(self) -> bool:
        """Say whether the cart holds nothing."""
        return not self.lines

'''
    + SUBTOTAL
    + '''
    def discount(self) -> float:
        """Return the best single promotion's discount (promotions do not stack)."""
        return max((promotion(self) for promotion in PROMOTIONS.values()), default=0.0)


Promotion = Callable[[Cart], float]
'''
    + "".join(_promotion(index, theme) for index, theme in enumerate(THEMES))
    + "\n\nPROMOTIONS: dict[str, Promotion] = {\n"
    + "".join(f'    "{theme}": {theme}_bundle,\n' for theme in THEMES)
    + '''}


def applicable_promotions(cart: Cart) -> list[str]:
    """Return the names of the promotions that give the cart a discount, best first."""
    found = [(promotion(cart), name) for name, promotion in PROMOTIONS.items()]
    return [name for value, name in sorted(found, key=lambda pair: -pair[0]) if value > 0]


def receipt(cart: Cart) -> str:
    """Return the cart as receipt lines: each SKU, then the subtotal and discount."""
    rows = [f"{line.sku} x{line.quantity}" for line in cart.lines]
    rows.append(f"subtotal {cart.subtotal():.2f}")
    if cart.discount():
        rows.append(f"discount -{cart.discount():.2f}")
    return "\\n".join(rows)
'''
)

SUBTOTAL_TEST = '    assert cart.subtotal() == round(2 * unit_price("sku-001"), 2)\n'

CART_TESTS = (
    """import pytest

from shop.cart import Cart, receipt
from shop.pricing import unit_price


def test_add_merges_lines():
    cart = Cart()
    cart.add("sku-001")
    cart.add("sku-001", 2)
    assert cart.count() == 3
    assert len(cart.lines) == 1


def test_unknown_sku_is_refused():
    with pytest.raises(ValueError):
        Cart().add("nope")


def test_quantity_is_capped():
    cart = Cart()
    cart.add("sku-002", 500)
    assert cart.count() == 99


def test_set_quantity_zero_removes():
    cart = Cart()
    cart.add("sku-003")
    cart.set_quantity("sku-003", 0)
    assert cart.is_empty()


def test_remove():
    cart = Cart()
    cart.add("sku-001")
    cart.remove("sku-001")
    assert cart.count() == 0


def test_receipt_lists_lines():
    cart = Cart()
    cart.add("sku-004", 2)
    assert receipt(cart).splitlines()[0] == "sku-004 x2"


def test_subtotal():
    cart = Cart()
    cart.add("sku-001", 2)
"""
    + SUBTOTAL_TEST
)

PROMOTION_TESTS = """import pytest

from shop.cart import PROMOTIONS, Cart, applicable_promotions


@pytest.mark.parametrize("name", sorted(PROMOTIONS))
def test_an_empty_cart_gets_no_discount(name):
    assert PROMOTIONS[name](Cart()) == 0.0


def test_the_best_promotion_wins():
    cart = Cart()
    cart.add("sku-000", 5)
    assert cart.discount() == max(p(cart) for p in PROMOTIONS.values())
    assert applicable_promotions(cart)
"""

BUGGY_TOTAL = "        return round((self.subtotal() - self.discount()) * TAX_RATES[rate], 2)\n"
FIXED_TOTAL = (
    "        if rate not in TAX_RATES:\n"
    '            raise ValueError(f"unknown tax rate {rate!r}")\n'
    "        return round((self.subtotal() - self.discount()) * (1 + TAX_RATES[rate]), 2)\n"
)
CART_PATH = "shop/cart.py"
SUBTOTAL_LINE = CART.splitlines().index(SUBTOTAL.splitlines()[0]) + 1

SMALL_PACKAGE = Session(
    name="small-package",
    files={
        "README.md": "# shop\n\nA small shop: carts, promotions, prices and taxes.\n",
        "pyproject.toml": (
            '[project]\nname = "shop"\nversion = "0.1.0"\n\n'
            '[tool.pytest.ini_options]\ntestpaths = ["tests"]\npythonpath = ["."]\n'
        ),
        "shop/__init__.py": '"""A small shop."""\n',
        "shop/pricing.py": PRICING,
        CART_PATH: CART,
        "tests/__init__.py": "",
        "tests/test_cart.py": CART_TESTS,
        "tests/test_promotions.py": PROMOTION_TESTS,
    },
    story=Story(
        title="Cart totals with tax",
        criteria=(
            "Cart.total(rate) returns the subtotal less the discount, plus tax at the named "
            "rate, rounded to cents",
            "an unknown rate is refused with ValueError",
        ),
        out_of_scope=("new promotions",),
        context="The checkout page needs the price with tax.",
    ),
    script=(
        one("list_files", path="."),
        one("search_code", pattern=r"def (subtotal|discount)|TAX_RATES", path="shop"),
        one(
            "read_file", path=CART_PATH, start_line=SUBTOTAL_LINE - 40, end_line=SUBTOTAL_LINE + 12
        ),
        one("read_file", path="tests/test_cart.py"),
        one(
            "edit_file",
            path=CART_PATH,
            old_text=SUBTOTAL,
            new_text=SUBTOTAL
            + '\n    def total(self, rate: str = "standard") -> float:\n'
            + '        """Return the price after promotions, with tax at the named rate."""\n'
            + BUGGY_TOTAL,
        ),
        one(
            "edit_file",
            path="tests/test_cart.py",
            old_text=SUBTOTAL_TEST,
            new_text=SUBTOTAL_TEST
            + "\n\ndef test_total_adds_the_tax():\n"
            + "    cart = Cart()\n"
            + '    cart.add("sku-001", 2)\n'
            + "    net = cart.subtotal() - cart.discount()\n"
            + "    assert cart.total() == round(net * 1.2, 2)\n"
            + '    assert cart.total("zero") == round(net, 2)\n'
            + "\n\ndef test_an_unknown_rate_is_refused():\n"
            + "    with pytest.raises(ValueError):\n"
            + '        Cart().total("luxury")\n',
        ),
        one("run_tests"),
        one("edit_file", path=CART_PATH, old_text=BUGGY_TOTAL, new_text=FIXED_TOTAL),
        one("run_tests"),
        one(
            "complete_handoff",
            summary="Cart.total(rate) adds tax at a named rate after the discount; unknown "
            "rates raise ValueError.",
            files_changed=[CART_PATH, "tests/test_cart.py"],
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
        "The tax is added to the net price, not multiplied alone; unknown rates need a check.",
    ),
    test_command=TEST_COMMAND,
    python_env=True,
)
