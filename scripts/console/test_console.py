#!/usr/bin/env python3
"""Browser tests of the debugging console of `xiaoa-crypto serve`, with Selenium driving headless Chromium.

Fills each pane of the page the way a person would and reads what it shows: the known answers (sign 8119bf02e2
for timestamp 1700000000 and domain key abc, HHAEEXzBXY4FmXo0mOQ8Hw== for 123456), a tampered request answered
with code 10001 and its finding, requests sent by an independent client (urllib) appearing in "recent
requests" on their own; keyboard use, labels, one-click copy, a 400-pixel window without horizontal scrolling,
no script error, and the loopback-only rule. Expected values are the vendor's known answers or computed here
with hashlib, never by the server under test. Saves a screenshot of each pane.

Usage: test_console.py --base-url http://127.0.0.1:PORT --bin PATH/xiaoa-crypto --screenshots DIR
(the server at --base-url runs with --domain-key abc; --bin starts a second one with --no-console).
Prints one line per check; last line: "test-console: N passed, M failed".
"""
import argparse
import base64
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import testkit  # noqa: E402
from testkit import check, free_port, md5, sign  # noqa: E402,F401

from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait


# The vendor's known answers (docs/api.md): independent of the code under test.
KNOWN_SIGN = ("1700000000", "abc", "8119bf02e2")
KNOWN_CIPHERTEXT = ("123456", "HHAEEXzBXY4FmXo0mOQ8Hw==")
DOMAIN_KEY = "abc"  # the server under test is started with --domain-key abc


def http(base, path, body=None, method=None, headers=None):
    """A request with urllib: (status, text)."""
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    request = urllib.request.Request(base + path, data=data, method=method or ("POST" if data is not None else "GET"),
                                     headers=headers or {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def vendor_body(timestamp, sign_value, **fields):
    body = {"timestamp": timestamp, "domain_key": DOMAIN_KEY, "sign": sign_value}
    body.update(fields)
    return body


class Page:
    """The console in one headless Chromium."""

    def __init__(self, base, screenshots):
        self.base = base
        self.screenshots = screenshots
        options = webdriver.ChromeOptions()
        for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--window-size=1100,900", "--lang=en-US", "--force-device-scale-factor=1",
                         "--hide-scrollbars"):
            options.add_argument(argument)
        options.binary_location = "/usr/bin/chromium"
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        self.driver.set_page_load_timeout(20)
        self.wait = WebDriverWait(self.driver, 10)

    def quit(self):
        self.driver.quit()

    def open(self, pane=""):
        self.driver.get(self.base + "/" + (f"#{pane}" if pane else ""))
        self.wait.until(lambda d: d.execute_script("return document.documentElement.classList.contains('js')"))

    def by_id(self, element_id):
        return self.driver.find_element(By.ID, element_id)

    def tab(self, pane):
        self.by_id(f"tab-{pane}").click()
        self.wait.until(lambda d: self.by_id(pane).is_displayed())

    def fill(self, element_id, text):
        field = self.by_id(element_id)
        field.clear()
        field.send_keys(text)

    def field(self, box, name):
        """The text of `[data-field=name]` in the result box `box`, once the box shows."""
        self.wait.until(lambda d: self.by_id(box).is_displayed())
        return self.driver.find_element(By.CSS_SELECTOR, f'#{box} [data-field="{name}"]').text

    def wait_for(self, condition, timeout=10):
        try:
            WebDriverWait(self.driver, timeout).until(lambda d: condition())
            return True
        except TimeoutException:
            return False

    def code(self):
        """The code the check-a-request pane shows (read in one script call: the result is re-rendered)."""
        return self.driver.execute_script(
            "const line = document.querySelector('#verify-result .code-line'); return line ? line.dataset.code : null;")

    def no_horizontal_scroll(self):
        return self.driver.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth, window.innerWidth]")

    def screenshot(self, name, width=1100):
        """A screenshot of the whole page at `width` pixels, saved as console-NAME.png in the screenshots folder."""
        if not self.screenshots:
            return None
        self.driver.set_window_size(width, 900)
        time.sleep(0.2)
        width, height = self.driver.execute_script(
            "return [document.documentElement.clientWidth, Math.ceil(document.documentElement.scrollHeight)]")
        # The window cannot grow past the virtual screen: capture beyond the viewport instead.
        shot = self.driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": min(height, 4000), "scale": 1}})
        path = os.path.join(self.screenshots, f"console-{name}.png")
        with open(path, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        self.driver.set_window_size(1100, 900)
        return path


def run_pane_sign(page):
    page.open()
    check("the page opens on the sign pane with five tabs",
          page.driver.title == "xiaoa-crypto console" and page.by_id("sign").is_displayed()
          and len(page.driver.find_elements(By.CSS_SELECTOR, "nav.tabs a")) == 5,
          page.driver.title)
    unlabelled = page.driver.execute_script("""
        return [...document.querySelectorAll('input, select, textarea')]
          .filter((field) => field.labels.length === 0 && !field.getAttribute('aria-label')).map((field) => field.id);""")
    check("every field has a label", unlabelled == [], f"unlabelled: {unlabelled}")

    default = page.by_id("sign-timestamp").get_attribute("value")
    check("the timestamp defaults to now", default.isdigit() and abs(int(default) - time.time()) < 30, default)

    # Keyboard only: from the timestamp field, Tab to the domain key, type, Enter.
    timestamp_field = page.by_id("sign-timestamp")
    timestamp_field.click()
    timestamp_field.send_keys(Keys.CONTROL, "a")
    timestamp_field.send_keys(KNOWN_SIGN[0])
    timestamp_field.send_keys(Keys.TAB)
    focused = page.driver.switch_to.active_element.get_attribute("id")
    page.driver.switch_to.active_element.send_keys(Keys.TAB)
    focused_next = page.driver.switch_to.active_element.get_attribute("id")
    page.driver.switch_to.active_element.send_keys(KNOWN_SIGN[1], Keys.ENTER)
    check("keyboard: Tab reaches the Now button, then the domain key field",
          (focused, focused_next) == ("sign-now", "sign-domain-key"), f"{focused}, {focused_next}")
    shown = page.wait_for(lambda: page.by_id("sign-result").is_displayed()
                          and page.field("sign-result", "sign") == KNOWN_SIGN[2])
    got = page.field("sign-result", "sign") if page.by_id("sign-result").is_displayed() else "(no result)"
    check("keyboard: Enter signs; timestamp 1700000000 + domain key abc gives 8119bf02e2", shown, got)

    first, second = md5(KNOWN_SIGN[0] + KNOWN_SIGN[1]), md5(md5(KNOWN_SIGN[0] + KNOWN_SIGN[1]))
    steps = {name: page.field("sign-result", name) for name in ("input", "md5_first", "md5_second", "cut")}
    check("the explain steps are shown (input, md5 #1, md5 #2, the cut)",
          steps == {"input": "1700000000abc", "md5_first": first, "md5_second": second, "cut": second[8:18]}, str(steps))
    highlighted = page.driver.find_element(By.CSS_SELECTOR, '#sign-result [data-field="md5_second"] mark').text
    check("the cut is highlighted inside md5 #2", highlighted == KNOWN_SIGN[2], highlighted)
    check("the public parameters are shown as canonical JSON",
          page.field("sign-result", "public_parameters")
          == '{"domain_key":"abc","sign":"8119bf02e2","timestamp":"1700000000"}')

    # One click copies: the clipboard holds the sign.
    try:
        page.driver.execute_cdp_cmd("Browser.grantPermissions", {
            "origin": page.base, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
    except WebDriverException:
        pass
    button = page.driver.find_element(By.CSS_SELECTOR, '#sign-result .answer button.copy')
    button.click()
    page.wait_for(lambda: button.text != "Copy", timeout=3)
    label = button.text
    clipboard = page.driver.execute_async_script(
        "const done = arguments[0]; navigator.clipboard.readText().then(done, (e) => done('error: ' + e));")
    check("one click copies the sign to the clipboard", label == "Copied" and clipboard == KNOWN_SIGN[2],
          f"button {label!r}, clipboard {clipboard!r}")
    page.screenshot("sign")

    page.fill("sign-timestamp", "17e8")
    page.by_id("sign-submit").click()
    ok = page.wait_for(lambda: page.by_id("sign-error").is_displayed())
    message = page.by_id("sign-error").text if ok else ""
    check("bad input shows a clear message: timestamp 17e8",
          "timestamp is not decimal digits" in message and "Unix seconds" in message and not page.by_id("sign-result").is_displayed(),
          message)
    page.fill("sign-timestamp", KNOWN_SIGN[0])
    page.fill("sign-domain-key", "")
    page.by_id("sign-submit").click()
    page.wait_for(lambda: "domain key is empty" in page.by_id("sign-error").text)
    check("bad input shows a clear message: empty domain key", "the domain key is empty" in page.by_id("sign-error").text,
          page.by_id("sign-error").text)


def run_pane_cipher(page):
    page.open()
    page.tab("cipher")
    check("the key and IV default to the vendor's",
          (page.by_id("cipher-key").get_attribute("value"), page.by_id("cipher-iv").get_attribute("value"),
           Select(page.by_id("cipher-key-format")).first_selected_option.text)
          == ("xiaoa", "1234567890123456", "text"))
    page.fill("encrypt-plaintext", KNOWN_CIPHERTEXT[0])
    page.by_id("encrypt-plaintext").send_keys(Keys.ENTER)
    page.wait_for(lambda: page.by_id("cipher-result").is_displayed())
    got = page.field("cipher-result", "base64")
    check("encrypt 123456 gives HHAEEXzBXY4FmXo0mOQ8Hw==", got == KNOWN_CIPHERTEXT[1], got)
    block = page.field("cipher-result", "padded_block_1")
    padding = page.driver.find_element(By.CSS_SELECTOR, '#cipher-result [data-field="padded_block_1"] .pad').text
    check("the padded block is shown with its PKCS#7 padding marked",
          block == "313233343536" + "0a" * 10 and padding == "0a" * 10, f"{block} / {padding}")
    check("the key and IV are shown in hex",
          (page.field("cipher-result", "key_hex"), page.field("cipher-result", "iv_hex"))
          == ("7869616f61" + "00" * 11, "1234567890123456".encode().hex()))
    page.screenshot("cipher")

    page.fill("decrypt-ciphertext", KNOWN_CIPHERTEXT[1])
    page.by_id("decrypt-submit").click()
    page.wait_for(lambda: page.field("cipher-result", "result") == KNOWN_CIPHERTEXT[0])
    check("decrypt HHAEEXzBXY4FmXo0mOQ8Hw== gives 123456", page.field("cipher-result", "result") == KNOWN_CIPHERTEXT[0],
          page.field("cipher-result", "result"))

    page.fill("cipher-key", "7869616f610000000000000000000000")
    Select(page.by_id("cipher-key-format")).select_by_value("hex")
    page.by_id("decrypt-submit").click()
    page.wait_for(lambda: page.by_id("cipher-result").is_displayed() and page.field("cipher-result", "key_hex") == "7869616f61" + "00" * 11)
    check("the key given as hex decrypts the same", page.field("cipher-result", "result") == KNOWN_CIPHERTEXT[0])

    page.fill("cipher-key", "00")
    page.by_id("decrypt-submit").click()
    page.wait_for(lambda: page.by_id("cipher-error").is_displayed())
    check("bad input shows a clear message: a 1-byte hex key",
          "key hex must be exactly 16 bytes" in page.by_id("cipher-error").text, page.by_id("cipher-error").text)

    page.by_id("cipher-vendor").click()
    page.fill("decrypt-ciphertext", "iq6O X9LkDrF QMucIVg3A==")
    page.by_id("decrypt-submit").click()
    page.wait_for(lambda: "position 5" in page.by_id("cipher-error").text)
    text = page.by_id("cipher-error").text
    check("a ciphertext with a space shows the error and the '+' hint",
          "ciphertext is not valid base64: a space at position 5" in text and "'+'" in text, text)


def run_pane_verify(page):
    page.open("verify")
    now = str(int(time.time()))
    good = vendor_body(now, sign(now, DOMAIN_KEY), user_name="demo", password=KNOWN_CIPHERTEXT[1], c_username="c1")
    Select(page.by_id("verify-endpoint")).select_by_value("assoc/add")
    page.fill("verify-body", json.dumps(good))
    page.by_id("verify-submit").click()
    page.wait_for(lambda: page.code() is not None)
    code = page.code()
    outcomes = [item.get_attribute("class") for item in page.driver.find_elements(By.CSS_SELECTOR, "#verify-result ol.checks li")]
    check("a correctly signed request is code 0 with every check passing",
          code == "0" and outcomes == ["pass", "pass", "pass", "pass", "skipped", "pass"], f"{code} {outcomes}")

    # Tampered: the sign upper-cased on the way (e.g. strtoupper), as a broken client would send it.
    tampered = dict(good, sign=sign(now, DOMAIN_KEY).upper())
    page.fill("verify-body", json.dumps(tampered, indent=1))
    page.by_id("verify-submit").click()
    page.wait_for(lambda: page.code() == "10001")
    line = page.driver.find_element(By.CSS_SELECTOR, "#verify-result .code-line")
    findings = [card.get_attribute("data-finding") for card in page.driver.find_elements(By.CSS_SELECTOR, "#verify-result .finding")]
    check("a tampered sign shows code 10001 签名验证失败",
          line.get_attribute("data-code") == "10001" and "签名验证失败" in line.text, line.text)
    check("… with the failing check and its findings (request.sign, sign.outerUppercase)",
          findings == ["request.sign", "sign.outerUppercase"]
          and page.driver.find_element(By.CSS_SELECTOR, '#verify-result li[data-check="sign"]').get_attribute("class") == "fail",
          str(findings))
    fix = page.driver.find_element(By.CSS_SELECTOR, '#verify-result [data-finding="sign.outerUppercase"] .fix').text
    check("… and the finding's fix", "lowercase" in fix, fix)
    page.screenshot("verify")

    page.fill("verify-keys", "other")
    page.by_id("verify-submit").click()
    page.wait_for(lambda: page.code() == "10002")
    check("known domain keys given in the page override the server's (10002)", page.code() == "10002", page.code())
    page.fill("verify-keys", "")
    page.fill("verify-body", "")
    page.by_id("verify-submit").click()
    page.wait_for(lambda: page.by_id("verify-error").is_displayed())
    check("bad input shows a clear message: an empty body", "the body is empty" in page.by_id("verify-error").text,
          page.by_id("verify-error").text)


FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")
# scripts/console/fixtures/mitmproxy.har, written by mitmdump in front of the stand-in with domain key "demo":
# (method, endpoint, predicted, actual) of its API entries; one more entry (/robots.txt) is no API call.
MITMPROXY_ENTRIES = [
    ("POST", "assoc/add", "0", "0"),
    ("POST", "assoc/add", "10001", "10001"),  # the sign upper-cased
    ("POST", "assoc/add", "10002", "10002"),  # a domain key the server does not know
    ("GET", "assoc/login", "30002", "30002"),
    ("POST", "assoc/login", "0", "0"),
]


def run_pane_capture(page):
    page.open("capture")
    check("the Check a capture tab shows its pane", page.by_id("capture").is_displayed()
          and page.by_id("tab-capture").get_attribute("aria-current") == "page")
    chooser = page.by_id("capture-file")
    check("… with a file chooser for .har files", chooser.get_attribute("type") == "file"
          and chooser.get_attribute("accept") == ".har,application/json", chooser.get_attribute("accept"))

    def rows():
        return page.driver.execute_script(
            "return Array.from(document.querySelectorAll('#capture-entries tr.entry')).map((row) => ["
            "row.dataset.index, row.cells[2].textContent, row.cells[4].textContent, row.dataset.predicted, "
            "row.dataset.actual, row.classList.contains('differs')]);")

    page.fill("capture-keys", "demo")
    chooser.send_keys(os.path.join(FIXTURES, "mitmproxy.har"))  # the page reads it and checks it at once
    page.wait_for(lambda: len(rows() or []) == len(MITMPROXY_ENTRIES))
    got = rows()
    expected = [[str(i), method, endpoint, predicted, actual, False]
                for i, (method, endpoint, predicted, actual) in enumerate(MITMPROXY_ENTRIES)]
    check("a HAR mitmproxy wrote: every API entry with its predicted and actual codes", got == expected, str(got))
    summary = page.by_id("capture-summary").text
    check("… the summary counts the entry that is no API call",
          summary == "6 entries: 5 API calls (2 accepted, 3 refused), 1 other skipped", summary)
    findings = [item.get_attribute("data-finding") for item in page.driver.find_elements(
        By.CSS_SELECTOR, '#capture-entries tr.entry-findings[data-index="1"] li')]
    check("… the upper-cased sign's findings below its entry (request.sign, sign.outerUppercase)",
          findings == ["request.sign", "sign.outerUppercase"], str(findings))
    fix = page.driver.find_element(
        By.CSS_SELECTOR, '#capture-entries [data-finding="sign.outerUppercase"] .fix').text
    check("… with the fix", "lowercase" in fix, fix)
    shown = page.by_id("capture-result").text
    check("… domain keys and signs masked", "***" in shown and "demo" not in shown, shown[:300])
    page.screenshot("capture")

    # The server's own key (abc) is not the one the app used: the answers (0) disagree with the prediction.
    page.fill("capture-keys", "")
    page.by_id("capture-submit").click()
    page.wait_for(lambda: (rows() or [[None] * 6])[0][3] == "10002")
    got = rows()
    check("without keys the server's apply, and a disagreeing answer is marked",
          got[0][3:] == ["10002", "0", True] and got[2][3:] == ["10002", "10002", False], str(got))

    # A file dropped on the drop zone, which is not HAR: the error says where and why.
    page.driver.execute_script("""
        const transfer = new DataTransfer();
        transfer.items.add(new File(['{"log": {"entries": [\\n'], 'broken.har', { type: 'application/json' }));
        const zone = document.getElementById('capture-drop');
        zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
        zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));""")
    page.wait_for(lambda: page.by_id("capture-error").is_displayed())
    text = page.by_id("capture-error").text
    check("a dropped file that is not HAR shows where and why (not valid JSON at line 2)",
          "not valid JSON at line 2" in text and not page.by_id("capture-result").is_displayed(), text)
    check("… and the file's name", "broken.har" in page.by_id("capture-file-name").text,
          page.by_id("capture-file-name").text)


def run_pane_recent(page):
    base = page.base
    now = str(int(time.time()))
    tampered = vendor_body(now, "0123456789", user_name="demo", password=KNOWN_CIPHERTEXT[1], c_username="recent-1")
    status, text = http(base, "/assoc/add", tampered)
    check("a test client's tampered request is answered 10001", status == 200 and json.loads(text).get("code") == 10001, text)
    good = vendor_body(now, sign(now, DOMAIN_KEY), user_name="demo", password=KNOWN_CIPHERTEXT[1], c_username="recent-1")
    status, text = http(base, "/assoc/add", good)
    check("a test client's good request is answered 0", status == 200 and json.loads(text).get("code") == 0, text)

    page.open("recent")

    def items():
        return page.driver.find_elements(By.CSS_SELECTOR, "#recent-list > li[data-seq]")

    page.wait_for(lambda: len(items()) >= 2)
    codes = [item.get_attribute("data-code") for item in items()[:2]]
    check("recent requests lists the test client's requests, newest first", codes == ["0", "10001"], str(codes))
    rejected = items()[1]
    findings = [node.get_attribute("data-finding") for node in rejected.find_elements(By.CSS_SELECTOR, "[data-finding]")]
    check("… with the rejected one's code, message and findings",
          "签名验证失败" in rejected.text and "POST /assoc/add" in rejected.text and findings[:1] == ["request.sign"],
          rejected.text)
    check("… and secrets masked (no domain key, no sign)", "0123456789" not in rejected.text and "domain key …(3)" in rejected.text,
          rejected.text)

    # Refreshing on its own: a request sent while the pane is open appears without a click.
    before = len(items())
    login = vendor_body(now, sign(now, DOMAIN_KEY), c_username="recent-1", redirect="yxrw")
    status, text = http(base, "/assoc/login", login)
    appeared = page.wait_for(lambda: len(items()) > before and items()[0].get_attribute("data-code") == "0"
                             and "/assoc/login" in items()[0].text, timeout=8)
    check("a request sent while the pane is open appears on its own (auto-refresh)", appeared, text)
    page.screenshot("recent")


def run_narrow_window(page):
    page.driver.set_window_size(400, 900)
    width = page.driver.execute_script("return window.innerWidth")
    for pane in ("sign", "cipher", "verify", "capture", "recent"):
        page.open(pane)
        if pane == "sign":
            page.fill("sign-timestamp", KNOWN_SIGN[0])
            page.fill("sign-domain-key", KNOWN_SIGN[1])
            page.by_id("sign-submit").click()
            page.wait_for(lambda: page.by_id("sign-result").is_displayed())
        if pane == "cipher":
            page.fill("encrypt-plaintext", "a password longer than one block")
            page.by_id("encrypt-submit").click()
            page.wait_for(lambda: page.by_id("cipher-result").is_displayed())
        scroll, client, inner = page.no_horizontal_scroll()
        check(f"narrow window ({width} px): no horizontal scrolling on the {pane} pane", scroll <= client and inner <= 420,
              f"scrollWidth {scroll}, clientWidth {client}")
    page.open("sign")
    page.fill("sign-timestamp", KNOWN_SIGN[0])
    page.fill("sign-domain-key", KNOWN_SIGN[1])
    page.by_id("sign-submit").click()
    page.wait_for(lambda: page.by_id("sign-result").is_displayed())
    page.screenshot("narrow", width=400)
    page.driver.set_window_size(1100, 900)


def run_browser_log(page):
    try:
        entries = page.driver.get_log("browser")
    except WebDriverException as error:
        check("no script error or policy violation in the browser's console", False, str(error))
        return
    # The 400s of the bad-input checks are expected (Chromium logs every failed fetch); anything else is not.
    expected = re.compile(r"/console/api/[a-z-]+ - Failed to load resource: the server responded with a status of 400")
    severe = [entry["message"] for entry in entries if entry.get("level") == "SEVERE" and not expected.search(entry["message"])]
    check("no script error or policy violation in the browser's console", severe == [], "; ".join(severe)[:500])


def run_access(base, binary, workdir):
    status, text = http(base, "/", headers={"Host": "attacker.example"})
    check("the console refuses a page whose Host is not loopback (DNS rebinding)", status == 403, f"{status} {text.strip()}")
    status, text = http(base, "/console/api/sign", b'{"domain_key":"abc"}', headers={"Content-Type": "text/plain"})
    check("the console API takes application/json only (415)", status == 415 and "application/json" in text, f"{status} {text}")
    if not binary:
        return
    port = free_port()
    stderr = open(os.path.join(workdir, "no-console.stderr"), "w+")
    process = subprocess.Popen([binary, "serve", "--port", str(port), "--no-console"], stdout=subprocess.DEVNULL, stderr=stderr)
    try:
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if process.poll() is not None:
                    break
                time.sleep(0.05)
        other = f"http://127.0.0.1:{port}"
        page_status, _ = http(other, "/")
        api_status, _ = http(other, "/console/api/recent")
        check("--no-console: GET / and the console API are 404", (page_status, api_status) == (404, 404),
              f"{page_status} {api_status}")
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        stderr.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--bin", help="xiaoa-crypto, to start a second server with --no-console")
    parser.add_argument("--screenshots", help="folder for console-<pane>.png; none taken when not given")
    parser.add_argument("--workdir", default=os.environ.get("TMPDIR", "/tmp"))
    options = parser.parse_args()
    if options.screenshots:
        os.makedirs(options.screenshots, exist_ok=True)
    page = None
    try:
        page = Page(options.base_url.rstrip("/"), options.screenshots)
        for step in (run_pane_sign, run_pane_cipher, run_pane_verify, run_pane_capture, run_pane_recent, run_narrow_window,
                     run_browser_log):
            try:
                step(page)
            except Exception as error:  # one broken pane must not hide the others' results
                check(f"{step.__name__} ran to the end", False, f"{type(error).__name__}: {error}")
        run_access(options.base_url.rstrip("/"), options.bin, options.workdir)
    except Exception as error:  # a crash of the test itself is a failure, never a silent pass
        check("test-console ran to the end", False, f"{type(error).__name__}: {error}")
    finally:
        if page is not None:
            page.quit()
    if options.screenshots:
        # Screenshots are pictures for the docs, not checks: a missing one is reported but not counted as a pass.
        for name in ("sign", "cipher", "verify", "capture", "recent", "narrow"):
            path = os.path.join(options.screenshots, f"console-{name}.png")
            if not (os.path.exists(path) and os.path.getsize(path) > 10000):
                print(f"note  screenshot {os.path.relpath(path)} was not written")
    print(f"test-console: {testkit.passed} passed, {testkit.failed} failed")
    return 0 if testkit.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
