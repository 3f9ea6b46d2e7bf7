"""The front desk in a real browser: Debian's chromium, headless, driven by Selenium through chromium-driver.

Run by `make test` (scripts/web-tests.sh). Fills the card form, waits for every preview, downloads each file and
decodes its QR with `qrdesk verify`, triggers each field error (in the chosen language), opens Show QR and decodes
a screenshot of it, renders a receipt, makes a kit (and one from a zip with logos), builds a PIX code with the scheme
picker, checks the pages on a phone and in Russian, Spanish and Arabic. QRDESK_SCREENSHOTS=docs/images re-takes the
README's screenshots.
"""
import os
import shutil
import sys
import tempfile
import time
import unittest
import subprocess
import urllib.request
import zipfile

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from qrdesk_server import LINK, ROOT, QRDeskServer, verify  # noqa: E402

SERVER = None
BROWSER = None
DOWNLOADS = None
# The bundled card templates: the card page shows a colour and a black-and-white preview of each.
TEMPLATES = sorted(name[:-5] for name in os.listdir(os.path.join(ROOT, "templates"))
                   if name.endswith(".yaml") and not name.startswith("receipt-"))


def setUpModule():
    global SERVER, BROWSER, DOWNLOADS
    SERVER = QRDeskServer().__enter__()
    DOWNLOADS = tempfile.mkdtemp(prefix="qrdesk-browser-")
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900",
                     "--force-device-scale-factor=1", "--lang=en-GB"]:
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"download.default_directory": DOWNLOADS, "download.prompt_for_download": False})
    try:
        BROWSER = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
    except Exception:
        SERVER.stop()
        raise
    BROWSER.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": DOWNLOADS})


def tearDownModule():
    if BROWSER:
        BROWSER.quit()
    if SERVER:
        SERVER.stop()
    if DOWNLOADS:
        shutil.rmtree(DOWNLOADS, ignore_errors=True)


def wait(condition, seconds=60):
    return WebDriverWait(BROWSER, seconds, poll_frequency=0.2).until(condition)


def downloaded(name, seconds=60):
    """The path of a finished download (Chromium writes NAME.crdownload first)."""
    path = os.path.join(DOWNLOADS, name)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if os.path.exists(path) and not os.path.exists(path + ".crdownload") and os.path.getsize(path) > 0:
            return path
        time.sleep(0.2)
    raise AssertionError(f"{name} was not downloaded; the folder holds {os.listdir(DOWNLOADS)}")


# The README's desktop screenshots: a laptop's browser viewport.
DESKTOP = (1280, 800)


def screenshot(name, viewport=None):
    """Saves the page for the README when QRDESK_SCREENSHOTS names a folder; `viewport` (width, height) sets the
    page's size exactly for the shot (a desktop's 1280 × 800), whatever the window's frame takes."""
    folder = os.environ.get("QRDESK_SCREENSHOTS")
    if not folder:
        return
    if viewport:
        BROWSER.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                {"width": viewport[0], "height": viewport[1], "deviceScaleFactor": 1, "mobile": False})
    try:
        BROWSER.save_screenshot(os.path.join(ROOT, folder, name))
    finally:
        if viewport:
            BROWSER.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


class CardPageTests(unittest.TestCase):
    def open_form(self, link=LINK, name="Studio Nova", lang="en", page="en"):
        """The card page in the `page` language (the reader's) with a card in `lang` (the printed one's)."""
        BROWSER.get(SERVER.url + "/?lang=" + page)
        BROWSER.find_element(By.ID, "link").send_keys(link)
        BROWSER.find_element(By.ID, "name").send_keys(name)
        Select(BROWSER.find_element(By.ID, "lang")).select_by_value(lang)

    def previews_settled(self, _):
        """No change is waiting for a preview (the page's script clears data-preview-pending after the last one)."""
        return BROWSER.execute_script("return !document.getElementById('card-form').dataset.previewPending")

    def previews_loaded(self, _):
        images = BROWSER.find_elements(By.CSS_SELECTOR, ".tile img")
        return len(images) == 2 * len(TEMPLATES) and all(
            BROWSER.execute_script("return arguments[0].naturalWidth", image) > 0 for image in images)

    def test_form_previews_every_template_and_variant(self):
        self.open_form()
        BROWSER.find_element(By.ID, "tagline").send_keys("Hair · Colour · Care")
        BROWSER.find_element(By.ID, "lead").click()  # leave the field, so the screenshot shows no focus ring
        wait(self.previews_settled)
        wait(self.previews_loaded)
        self.assertEqual(BROWSER.find_element(By.ID, "preview-status").text, "Previews are up to date.")
        widths = {tile.get_attribute("data-template"): BROWSER.execute_script("return arguments[0].querySelector('img').naturalWidth", tile)
                  for tile in BROWSER.find_elements(By.CSS_SELECTOR, ".tile")}
        # 96 dpi: A5 148 mm → 559 px, A6 105 mm → 397 px.
        self.assertEqual(widths["counter-a5"], 559)
        self.assertEqual(widths["card-a6"], 397)
        screenshot("serve-cards.png", viewport=DESKTOP)

    def test_each_download_decodes_as_the_link(self):
        self.open_form()
        Select(BROWSER.find_element(By.ID, "template")).select_by_value("card-a6")
        for button, name in [("color-pdf", "card-a6-color.pdf"), ("bw-pdf", "card-a6-bw.pdf"), ("svg", "card-a6-color.svg"), ("png", "card-a6-color.png")]:
            BROWSER.find_element(By.CSS_SELECTOR, f"button[value='{button}']").click()
            passed, output = verify(downloaded(name), "--expect", LINK)
            self.assertTrue(passed, output)
        BROWSER.find_element(By.CSS_SELECTOR, "button[value='kit']").click()
        kit = downloaded("studio-nova-kit.zip")
        folder = tempfile.mkdtemp(prefix="qrdesk-kit-", dir=DOWNLOADS)
        with zipfile.ZipFile(kit) as archive:
            self.assertEqual(sorted(archive.namelist()), ["card/card-a6-bw.pdf", "card/card-a6-bw.png", "card/card-a6-color.pdf",
                                                          "card/card-a6-color.png", "card/card-a6-color.svg", "manifest.json"])
            archive.extractall(folder)
        passed, output = verify("--manifest", os.path.join(folder, "manifest.json"), "--allowed-host", "pay.example.com")
        self.assertTrue(passed, output)

    def test_scheme_picker_prints_a_verified_pix_code(self):
        BROWSER.get(SERVER.url + "/")
        BROWSER.find_element(By.ID, "name").send_keys("Salão Bela")
        BROWSER.find_element(By.CSS_SELECTOR, "details.field summary").click()
        wait(lambda _: BROWSER.find_element(By.ID, "scheme").is_displayed())
        Select(BROWSER.find_element(By.ID, "scheme")).select_by_value("pix")
        # Only the chosen scheme's fields show.
        self.assertFalse(BROWSER.find_element(By.ID, "epc-iban").is_displayed())
        for field, value in [("key", "11144477735"), ("name", "Salao Bela"), ("city", "SAO PAULO"), ("amount", "80")]:
            BROWSER.find_element(By.ID, "pix-" + field).send_keys(value)
        Select(BROWSER.find_element(By.ID, "template")).select_by_value("sticker-100")
        wait(self.previews_settled)
        # The chosen template previews the code (templates rated for a longer distance refuse it on their tile).
        wait(lambda _: BROWSER.execute_script(
            "return document.querySelector('.tile[data-template=\"sticker-100\"][data-variant=\"color\"] img').naturalWidth") > 0)
        BROWSER.find_element(By.CSS_SELECTOR, "button[value='png']").click()
        passed, output = verify(downloaded("sticker-100-color.png"))
        self.assertTrue(passed, output)
        self.assertIn("PIX: 00020126330014br.gov.bcb.pix0111111444777355204000053039865405", output)

    def assert_field_error(self, field, expected):
        """Waits for `expected` beside `field`: a preview started before the last keystroke may answer first."""
        try:
            wait(lambda _: expected in BROWSER.find_element(By.ID, f"{field}-error").text, 30)
        except Exception:
            self.fail(f"{expected!r} never appeared beside {field}; it shows {BROWSER.find_element(By.ID, f'{field}-error').text!r}")

    def test_field_errors_appear_beside_their_field_in_the_page_language(self):
        # While typing (the preview's answer) …
        self.open_form(link="https://evil.example/p/1", page="ru")
        self.assert_field_error("link", "Ссылка ведёт на недопустимый домен.")
        self.assertEqual(BROWSER.find_element(By.ID, "link").get_attribute("aria-invalid"), "true")
        # … and after pressing a download button (the server's page, no script needed).
        BROWSER.find_element(By.CSS_SELECTOR, "button[value='color-pdf']").click()
        wait(EC.url_contains("/cards/download"))
        # The detail in Russian too, quoting the host it refuses.
        self.assertIn("«evil.example» — это не разрешённый домен", BROWSER.find_element(By.ID, "link-error").text)
        self.assertEqual(BROWSER.find_element(By.ID, "link").get_attribute("value"), "https://evil.example/p/1")

        self.open_form(page="de", lang="fr")
        BROWSER.find_element(By.ID, "accent").send_keys("#7C7C7C")
        self.assert_field_error("accent", "Die Akzentfarbe ist für den Text zu hell.")

        self.open_form(link="https://pay.example.com/p/" + "a" * 200, page="es", lang="es")
        self.assert_field_error("link", "El enlace es demasiado largo para esta plantilla.")
        # A template that takes it still previews; the A5 tile says why it cannot.
        wait(lambda _: BROWSER.execute_script("return document.querySelector(\".tile[data-template='card-a6'] img\").naturalWidth") > 0)
        self.assertTrue(BROWSER.find_element(By.CSS_SELECTOR, ".tile[data-template='counter-a5'] .tile-error").text)

        # A character no installed font has (ChromeDriver types only the BMP: U+0378 is unassigned there).
        self.open_form(name="Studio \u0378", page="pt")
        self.assert_field_error("name", "Nenhuma fonte instalada imprime um caractere deste texto.")

        self.open_form()
        BROWSER.find_element(By.ID, "qrColor").send_keys("#BBBBBB")
        self.assert_field_error("qrColor", "too little to scan")

        self.open_form()
        logo = os.path.join(DOWNLOADS, "bomb.png")
        with open(logo, "wb") as file:  # a 57-byte PNG claiming 100,000 × 100,000 pixels
            be = lambda value: value.to_bytes(4, "big")
            file.write(b"\x89PNG\r\n\x1a\n" + be(13) + b"IHDR" + be(100000) + be(100000) + bytes([8, 2, 0, 0, 0]) + be(0) + be(0) + b"IEND" + be(0))
        BROWSER.find_element(By.ID, "logo").send_keys(logo)
        self.assert_field_error("logo", "100000 × 100000 pixels")

    def test_keyboard_reaches_every_control_in_order(self):
        BROWSER.get(SERVER.url + "/")
        # Key presses as a person makes them (to the page, not to an element: a file input takes keys as a path).
        ActionChains(BROWSER).send_keys(Keys.TAB).perform()
        self.assertEqual(BROWSER.switch_to.active_element.text, "Skip to the form")
        seen = []
        for _ in range(30):
            ActionChains(BROWSER).send_keys(Keys.TAB).perform()
            seen.append(BROWSER.switch_to.active_element.get_attribute("id") or BROWSER.switch_to.active_element.get_attribute("value"))
        for control in ["link", "name", "tagline", "address", "lang", "template", "accent", "qrColor", "logo", "color-pdf", "kit"]:
            self.assertIn(control, seen)
        self.assertLess(seen.index("link"), seen.index("name"))


class PhoneTests(unittest.TestCase):
    """The pages on a phone: one live preview above the form at 390 × 844, touch targets of at least 44 px (a
    checkbox's or radio button's is its label, checked the same way), and no page wider than a 360 px screen."""

    def emulate(self, width, height):
        BROWSER.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True})

    def tearDown(self):
        BROWSER.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        BROWSER.delete_all_cookies()

    def test_card_page_shows_one_preview_above_the_form(self):
        self.emulate(390, 844)
        BROWSER.get(SERVER.url + "/")
        BROWSER.find_element(By.ID, "link").send_keys(LINK)
        BROWSER.find_element(By.ID, "name").send_keys("Studio Nova")
        wait(lambda _: BROWSER.execute_script("return !document.getElementById('card-form').dataset.previewPending"))
        tiles = [tile for tile in BROWSER.find_elements(By.CSS_SELECTOR, ".tile") if tile.is_displayed()]
        self.assertEqual([(t.get_attribute("data-template"), t.get_attribute("data-variant")) for t in tiles], [("counter-a5", "color")])
        image = tiles[0].find_element(By.TAG_NAME, "img")
        wait(lambda _: BROWSER.execute_script("return arguments[0].naturalWidth", image) > 0)
        form_top = BROWSER.find_element(By.ID, "card-form").rect["y"]
        self.assertLess(tiles[0].rect["y"], form_top)
        self.assertLess(tiles[0].rect["y"], 844)  # in the first screen
        # Choosing another template shows its preview instead.
        Select(BROWSER.find_element(By.ID, "template")).select_by_value("card-a6")
        wait(lambda _: [t.get_attribute("data-template") for t in BROWSER.find_elements(By.CSS_SELECTOR, ".tile") if t.is_displayed()] == ["card-a6"])
        wait(lambda _: BROWSER.execute_script("return !document.getElementById('card-form').dataset.previewPending"))
        BROWSER.execute_script("document.activeElement.blur(); window.scrollTo(0, 0)")
        screenshot("serve-cards-phone.png")

    def test_touch_targets_and_no_horizontal_scroll(self):
        for width, height in [(390, 844), (360, 740)]:
            self.emulate(width, height)
            # English, then Arabic (right to left: what overflows there is on the other side).
            for page in ["/", "/show", "/receipts", "/kits", "/?lang=ar", "/show", "/receipts", "/kits"]:
                BROWSER.get(SERVER.url + page)
                self.assertLessEqual(BROWSER.execute_script("return document.documentElement.scrollWidth"), width, f"{page} at {width} px")
                self.assertEqual(BROWSER.execute_script("return window.scrollX"), 0, f"{page} at {width} px")
                small = BROWSER.execute_script("""
                    return Array.from(document.querySelectorAll('a, button, select, textarea, summary, input:not([type=hidden])'))
                      .filter(e => e.offsetParent !== null && e.type !== 'checkbox' && e.type !== 'radio' && e.className !== 'skip')
                      .map(e => [e.id || e.textContent.trim().slice(0, 30) || e.tagName, e.getBoundingClientRect().height])
                      .filter(([, h]) => h < 44);""")
                self.assertEqual(small, [], f"{page} at {width} px")


class LanguageTests(unittest.TestCase):
    """The pages in the desk's language, chosen with the menu (remembered in a cookie) or ?lang=: Russian, Spanish
    and Arabic (right to left)."""

    def tearDown(self):
        BROWSER.delete_all_cookies()  # the other tests read English pages

    def test_russian_through_the_menu(self):
        BROWSER.get(SERVER.url + "/")
        Select(BROWSER.find_element(By.ID, "page-language")).select_by_value("ru")
        wait(EC.url_contains("lang=ru"))
        self.assertEqual(BROWSER.find_element(By.TAG_NAME, "h1").text, "Платёжный QR для стойки администратора")
        self.assertEqual(BROWSER.find_element(By.CSS_SELECTOR, "label[for='link']").text, "Платёжная ссылка")
        BROWSER.find_element(By.ID, "link").send_keys(LINK)
        BROWSER.find_element(By.ID, "name").send_keys("Студия Нова")
        wait(lambda _: BROWSER.find_element(By.ID, "preview-status").text == "Предпросмотр актуален.")
        # The card's language is still its own choice.
        self.assertEqual(Select(BROWSER.find_element(By.ID, "lang")).first_selected_option.get_attribute("value"), "en")
        # The cookie remembers the choice on the next page.
        BROWSER.get(SERVER.url + "/kits")
        self.assertEqual(BROWSER.find_element(By.TAG_NAME, "h1").text, "Пакеты")

    def test_spanish_receipt_form_totals(self):
        BROWSER.get(SERVER.url + "/receipts?lang=es")
        self.assertEqual(BROWSER.find_element(By.TAG_NAME, "h1").text, "Recibos")
        self.assertEqual(BROWSER.find_element(By.CSS_SELECTOR, "label[for='mode-form']").text, "Con el formulario")
        BROWSER.find_element(By.ID, "location-name").send_keys("Salón Luna")
        BROWSER.find_element(By.ID, "number").send_keys("L-1")
        Select(BROWSER.find_element(By.ID, "currency")).select_by_value("EUR")
        BROWSER.find_element(By.ID, "item-0-name").send_keys("Corte")
        BROWSER.find_element(By.ID, "item-0-unitPrice").send_keys("30")
        wait(lambda _: "30" in BROWSER.find_element(By.ID, "total-total").text)
        wait(lambda _: BROWSER.find_element(By.ID, "preview-status").text == "La vista previa está al día.")

    def test_arabic_pages_read_right_to_left(self):
        BROWSER.get(SERVER.url + "/?lang=ar")
        self.assertEqual(BROWSER.find_element(By.TAG_NAME, "html").get_attribute("dir"), "rtl")
        self.assertEqual(BROWSER.execute_script("return getComputedStyle(document.body).direction"), "rtl")
        self.assertEqual(BROWSER.find_element(By.TAG_NAME, "h1").text, "رمز QR للدفع لمكتب الاستقبال")
        BROWSER.find_element(By.ID, "link").send_keys(LINK)
        BROWSER.find_element(By.ID, "name").send_keys("صالون النور")
        Select(BROWSER.find_element(By.ID, "lang")).select_by_value("ar")
        wait(lambda _: BROWSER.find_element(By.ID, "preview-status").text == "المعاينات محدّثة.")
        # The form sits at the right, the previews at its left: the layout is mirrored.
        form = BROWSER.find_element(By.ID, "card-form").rect
        previews = BROWSER.find_element(By.CSS_SELECTOR, ".previews").rect
        self.assertGreater(form["x"], previews["x"])
        BROWSER.execute_script("document.activeElement.blur(); window.scrollTo(0, 0)")
        screenshot("serve-cards-arabic.png", viewport=DESKTOP)


class ShowQRTests(unittest.TestCase):
    def test_show_qr_screenshot_decodes_as_the_link(self):
        BROWSER.set_window_size(1180, 820)  # a 10.9" tablet in landscape
        try:
            BROWSER.get(SERVER.url + "/show")
            BROWSER.find_element(By.ID, "link").send_keys(LINK)
            BROWSER.find_element(By.ID, "name").send_keys("Studio Nova")
            BROWSER.find_element(By.ID, "amount").send_keys("45.50")
            BROWSER.find_element(By.ID, "visit").send_keys("Haircut with Ana, 14:30")
            BROWSER.find_element(By.CSS_SELECTOR, "main button[type='submit']").click()
            qr = wait(EC.visibility_of_element_located((By.CSS_SELECTOR, "#show-qr svg")))
            self.assertIn("45.50", BROWSER.find_element(By.CLASS_NAME, "show-amount").text)
            # The code takes the height the texts leave, and nothing scrolls.
            viewport = BROWSER.execute_script("return window.innerHeight")
            self.assertGreater(qr.size["height"], viewport * 0.45)
            self.assertLessEqual(BROWSER.execute_script("return document.documentElement.scrollHeight"), viewport)
            self.assertEqual(BROWSER.find_element(By.CLASS_NAME, "show-name").text, "Studio Nova")
            path = os.path.join(DOWNLOADS, "show-qr.png")
            BROWSER.save_screenshot(path)
            passed, output = verify(path, "--expect", LINK)
            self.assertTrue(passed, output)
            screenshot("serve-show-qr.png")
            BROWSER.get(SERVER.url + "/show?link=https%3A%2F%2Fevil.example%2Fp%2F1")
            self.assertIn("not an allowed host", BROWSER.find_element(By.ID, "link-error").text)
        finally:
            BROWSER.set_window_size(1280, 900)


class ReceiptAndKitPageTests(unittest.TestCase):
    def test_receipt_form_prints_the_totals_it_shows(self):
        BROWSER.get(SERVER.url + "/receipts")
        self.assertTrue(BROWSER.find_element(By.ID, "mode-form").is_selected())
        BROWSER.find_element(By.ID, "location-name").send_keys("Studio Nova")
        BROWSER.find_element(By.ID, "number").send_keys("R-7")
        Select(BROWSER.find_element(By.ID, "currency")).select_by_value("EUR")
        for field, value in [("name", "Haircut"), ("unitPrice", "45.00")]:
            BROWSER.find_element(By.ID, f"item-0-{field}").send_keys(value)
        # A second item through the page's own "Add an item" (past the rows the server drew).
        rows = len(BROWSER.find_elements(By.CSS_SELECTOR, "#item-rows [data-row]"))
        BROWSER.find_element(By.CSS_SELECTOR, "button.add-row[data-rows='item-rows']").click()
        new_row = rows
        self.assertEqual(len(BROWSER.find_elements(By.CSS_SELECTOR, "#item-rows [data-row]")), rows + 1)
        BROWSER.find_element(By.ID, f"item-{new_row}-name").send_keys("Shampoo")
        BROWSER.find_element(By.ID, f"item-{new_row}-quantity").send_keys("2")
        BROWSER.find_element(By.ID, f"item-{new_row}-unitPrice").send_keys("12.50")
        BROWSER.find_element(By.ID, "payment-0-amount").send_keys("50")
        BROWSER.find_element(By.ID, "paymentLink").send_keys("https://pay.example.com/p/Lx7rT2aQ9m")
        wait(lambda _: "70.00" in BROWSER.find_element(By.ID, "total-total").text)
        wait(lambda _: "20.00" in BROWSER.find_element(By.ID, "total-balance").text)
        shown = BROWSER.find_element(By.ID, "total-total").text
        image = BROWSER.find_element(By.ID, "receipt-image")
        wait(lambda _: BROWSER.execute_script("return arguments[0].naturalWidth", image) == 576)
        BROWSER.find_element(By.CSS_SELECTOR, "button[value='pdf']").click()
        pdf = downloaded("r-7-receipt-80mm.pdf")
        text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout
        # The PDF prints the total the form showed (its digits; spacing around the symbol is the formatter's).
        digits = "".join(c for c in shown if c.isdigit() or c == ".")
        self.assertEqual(digits, "70.00")
        self.assertIn(digits, text)
        self.assertIn("20.00", text)
        passed, output = verify(pdf, "--expect", "https://pay.example.com/p/Lx7rT2aQ9m")
        self.assertTrue(passed, output)
        # An overpayment is named beside the payments while typing.
        amount = BROWSER.find_element(By.ID, "payment-0-amount")
        amount.send_keys(Keys.CONTROL, "a")
        amount.send_keys("90")
        wait(lambda _: "more than the total" in BROWSER.find_element(By.ID, "payments-error").text)

    def test_receipt_preview_and_download(self):
        BROWSER.get(SERVER.url + "/receipts")
        BROWSER.find_element(By.ID, "mode-json").click()
        image = BROWSER.find_element(By.ID, "receipt-image")
        wait(lambda _: BROWSER.execute_script("return arguments[0].naturalWidth", image) == 576)  # 80 mm at the printer's 203 dpi
        Select(BROWSER.find_element(By.ID, "template")).select_by_value("receipt-58mm")
        wait(lambda _: BROWSER.execute_script("return arguments[0].naturalWidth", image) == 384)
        BROWSER.find_element(By.CSS_SELECTOR, "button[value='pdf']").click()
        passed, output = verify(downloaded("lux-2026-7781-receipt-58mm.pdf"), "--expect", "https://pay.example.com/p/Lx7rT2aQ9m")
        self.assertTrue(passed, output)
        # A broken document is named beside the text.
        area = BROWSER.find_element(By.ID, "document")
        area.send_keys(Keys.CONTROL, "a")
        area.send_keys('{"number": 1}')
        self.assertTrue(wait(lambda _: BROWSER.find_element(By.ID, "document-error").text or False))

    def test_kit_upload(self):
        BROWSER.get(SERVER.url + "/kits")
        path = os.path.join(DOWNLOADS, "list.csv")
        with open(path, "w") as file:
            file.write(f"id,name,link\nnova,Studio Nova,{LINK}\nphish,Phish,https://evil.example/p/1\n")
        BROWSER.find_element(By.ID, "list").send_keys(path)
        Select(BROWSER.find_element(By.ID, "template")).select_by_value("card-a6")
        BROWSER.find_element(By.CSS_SELECTOR, "main button[type='submit']").click()
        with zipfile.ZipFile(downloaded("kit.zip")) as archive:
            names = archive.namelist()
            self.assertIn("nova/card-a6-color.pdf", names)
            self.assertIn('"phish"', archive.read("manifest.json").decode())

    def test_kit_zip_with_logos(self):
        """A zip holding the list and two logos: each row's card carries its own logo; a `..` entry and a zip bomb
        are refused on the page with the reason, and the server stays healthy."""
        import base64
        import io
        import struct
        import zlib

        def grey_png(level):
            rows = b"".join(b"\x00" + bytes([level]) * 60 for _ in range(20))
            chunk = lambda kind, body: struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
            return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 60, 20, 8, 0, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")

        def upload(name, entries):
            # The kit downloads as kit.zip; an earlier test's is removed so this one's is the file waited for.
            if os.path.exists(os.path.join(DOWNLOADS, "kit.zip")):
                os.remove(os.path.join(DOWNLOADS, "kit.zip"))
            path = os.path.join(DOWNLOADS, name)
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
                for entry, data in entries:
                    archive.writestr(entry, data)
            BROWSER.get(SERVER.url + "/kits")
            BROWSER.find_element(By.ID, "list").send_keys(path)
            Select(BROWSER.find_element(By.ID, "template")).select_by_value("card-a6")
            BROWSER.find_element(By.CSS_SELECTOR, "main button[type='submit']").click()

        listing = f"id,name,link,logo,formats\ndark,Dark Salon,{LINK},logos/dark.png,svg\nlight,Light Salon,{LINK},logos/light.png,svg\n"
        upload("logos-kit.zip", [("list.csv", listing), ("logos/dark.png", grey_png(40)), ("logos/light.png", grey_png(200))])
        with zipfile.ZipFile(downloaded("kit.zip")) as kit:
            for row, level in [("dark", 40), ("light", 200)]:
                svg = kit.read(f"{row}/card-a6-color.svg").decode()
                encoded = svg.split("data:image/png;base64,", 1)[1].split('"', 1)[0]
                png = base64.b64decode(encoded)
                self.assertTrue(png.startswith(b"\x89PNG"))
                path = os.path.join(DOWNLOADS, f"{row}-logo.png")
                with open(path, "wb") as file:
                    file.write(png)
                mean = subprocess.run(["python3", "-c", "import sys; from PIL import Image; im = Image.open(sys.argv[1]).convert('L'); "
                                       "print(sum(im.getdata()) / (im.width * im.height))", path], capture_output=True, text=True).stdout
                self.assertAlmostEqual(float(mean), level, delta=2)
                svg_path = os.path.join(DOWNLOADS, f"{row}-card.svg")
                with open(svg_path, "w") as file:
                    file.write(svg)
                passed, output = verify(svg_path, "--expect", LINK)
                self.assertTrue(passed, output)
        for name, entries, reason in [
            ("climb.zip", [("list.csv", listing), ("../dark.png", grey_png(40))], "climbs out of the archive"),
            ("bomb.zip", [("list.csv", listing), ("logos/dark.png", b"\x00" * (8 << 20))], "zip bomb"),
        ]:
            upload(name, entries)
            # The refusal is the server's page at /kits/download (no script); wait for it before reading it.
            wait(EC.url_contains("/kits/download"))
            self.assertIn(reason, BROWSER.find_element(By.ID, "list-error").text)
        self.assertEqual(urllib.request.urlopen(SERVER.url + "/healthz").read(), b"ok\n")


if __name__ == "__main__":
    unittest.main(verbosity=2)
