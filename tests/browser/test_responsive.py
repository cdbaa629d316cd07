"""Every main page works on a phone: nothing makes the page scroll sideways or is cut off at
360, 768 and 1280 px, the navigation folds behind a keyboard-operable Menu button on narrow
screens, and tables become cards. Screenshots at phone width go to build/screenshots/."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS
from tests.conftest import TEST_DATA

pytestmark = pytest.mark.browser

PHONE, TABLET, DESKTOP = 360, 768, 1280
PROFILE = TEST_DATA / "profiles" / "text" / "chromium_grouped_roles_duplicated.txt"
IMPORTED = TEST_DATA / "contacts_csv" / "ragged_rows.csv"

# How wide the page is against the screen, and the visible elements whose box crosses the
# screen's left or right edge: cut off, or reachable only by scrolling the page sideways. Boxes
# wholly off screen (the skip link until it has focus), 1 px visually hidden texts, and what a
# box of its own scrolls sideways (a wide table in a scrolling frame) are left out.
MEASURE = """() => {
  const width = window.innerWidth;
  const inScrollingBox = el => {
    for (let box = el.parentElement; box; box = box.parentElement) {
      if (['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) return true;
    }
    return false;
  };
  const cut = [...document.querySelectorAll('body *')]
    .filter(el => {
      const box = el.getBoundingClientRect();
      const shown = box.width > 1 && box.height > 1 && getComputedStyle(el).visibility !== 'hidden';
      const acrossLeft = box.left < -1 && box.right > 0;
      const across = acrossLeft || (box.left < width && box.right > width + 1);
      return shown && across && !inScrollingBox(el);
    })
    .map(el => `${el.localName}.${el.className}: ${Math.round(el.getBoundingClientRect().right)}`);
  return {scroll: document.documentElement.scrollWidth, screen: width, cut: cut.slice(0, 5)};
}"""


@pytest.fixture
def demo_server(start_server):
    return start_server(demo=True)


def first_link(page, base: str, path: str, pattern: str) -> str:
    """The first link on `path` whose address matches `pattern`: the demo store's ids are not
    fixed, so each detail page is reached the way a person reaches it."""
    page.goto(base + path)
    hrefs = page.locator("main a[href]").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    return next(href for href in hrefs if re.fullmatch(pattern, href))


def main_pages(page, base: str) -> dict[str, str]:
    """Every main page of the demo store by a short name; a draft, a profile preview, an
    import with skipped rows and a possible duplicate are made on the way, as a person would
    make them."""
    contact = first_link(page, base, "/contacts", r"/contacts/\d+")
    page.goto(base + contact + "/edit")
    name = page.get_by_label("Name", exact=True).input_value()
    company = page.get_by_label("Current company").input_value()
    page.goto(base + "/contacts/new")
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("Current company").fill(company)
    page.get_by_role("button", name="Add contact").click()
    page.get_by_role("button", name="Add anyway").click()
    expect(page.get_by_text(f"{name} is added.")).to_be_visible()
    page.goto(base + "/imports")
    page.get_by_label("File to import").set_input_files(str(IMPORTED))
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page).to_have_url(re.compile(r"/imports/\d+$"), timeout=60_000)
    imported = page.url.removeprefix(base)
    goal = first_link(page, base, "/goals", r"/goals/\d+")
    event = first_link(page, base, "/events", r"/events/\d+")
    page.goto(base + contact + "/draft")
    page.get_by_role("button", name="Write the draft").click()
    expect(page).to_have_url(re.compile(r"/drafts/\d+$"))
    draft = page.url.removeprefix(base)
    page.goto(base + "/profiles/new")
    page.get_by_label("Profile text or page source").fill(PROFILE.read_text(encoding="utf-8"))
    page.get_by_role("button", name="Read the profile").click()
    expect(page.get_by_role("heading", name=re.compile("Check before saving"))).to_be_visible()
    preview = page.url.removeprefix(base)
    return {
        "dashboard": "/",
        "contacts": "/contacts",
        "contact": contact,
        "contact-form": contact + "/edit",
        "goals": "/goals",
        "goal": goal,
        "goal-form": goal + "/edit",
        "due": "/due",
        "events": "/events",
        "event": event,
        "event-form": "/events/new",
        "followups": "/followups",
        "drafts-of-a-contact": contact + "/draft",
        "draft": draft,
        "import": "/imports",
        "import-result": imported,
        "export": "/export",
        "me": "/me",
        "duplicates": "/duplicates",
        "profile-paste": "/profiles/new",
        "profile-preview": preview,
        "extension": "/me/extension",
    }


@pytest.mark.parametrize("width", [PHONE, TABLET, DESKTOP])
def test_every_main_page_fits_the_screen_without_scrolling_sideways(browser, demo_server, width):
    context = browser.new_context(viewport={"width": DESKTOP, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    pages = main_pages(page, demo_server)
    page.set_viewport_size({"width": width, "height": 800})
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    too_wide = {}
    for name, path in pages.items():
        assert page.goto(demo_server + path).ok, path
        measured = page.evaluate(MEASURE)
        if width == PHONE or (width == TABLET and name == "contacts"):
            kind = "phone" if width == PHONE else "tablet"
            page.screenshot(path=str(SCREENSHOTS / f"{kind}-{name}.png"), full_page=True)
        if measured["scroll"] > measured["screen"] or measured["cut"]:
            too_wide[name] = measured
    context.close()
    assert too_wide == {}


def test_on_a_phone_the_menu_button_opens_and_closes_the_navigation_from_the_keyboard(
    browser, demo_server
):
    context = browser.new_context(viewport={"width": PHONE, "height": 800})
    page = context.new_page()
    page.goto(demo_server + "/")
    nav = page.get_by_role("navigation", name="Main")
    menu = nav.get_by_role("button", name="Menu")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(nav.get_by_role("link", name="Contacts")).to_be_hidden()
    for _ in range(3):  # the skip link, the brand, then the menu
        page.keyboard.press("Tab")
    expect(menu).to_be_focused()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Tab")
    expect(nav.get_by_role("link", name="Home")).to_be_focused()
    # What a phone shows first, the menu open: the README's phone-width picture.
    page.screenshot(path=str(SCREENSHOTS / "phone-menu-open.png"))
    page.keyboard.press("Escape")
    expect(menu).to_be_focused()
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(nav.get_by_role("link", name="Home")).to_be_hidden()
    page.keyboard.press("Space")
    nav.get_by_role("link", name="Follow-ups").click()
    expect(page).to_have_url(demo_server + "/followups")
    context.close()


def test_on_a_wide_screen_every_link_shows_and_the_menu_button_does_not(page, demo_server):
    page.goto(demo_server + "/")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("button", name="Menu")).to_be_hidden()
    expect(nav.get_by_role("link")).to_have_count(11)
    for link in nav.get_by_role("link").all():
        expect(link).to_be_visible()
