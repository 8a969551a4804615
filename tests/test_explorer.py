"""The browser views (issue 13 item 2), tested in a real headless Chromium (Debian's chromium and
chromium-driver, installed by .ci/run): the static report renders with no console error; the explorer
page shows the exact region count, and moving a slider changes it to the exact count of the new network."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from fractions import Fraction
from pathlib import Path

import pytest

pytest.importorskip("bokeh")
webdriver = pytest.importorskip("selenium.webdriver")

from relugeom import ReLUNetwork  # noqa: E402
from relugeom.cli import main  # noqa: E402
from relugeom.domain import Domain  # noqa: E402
from relugeom.explorer import compute_view, report_html  # noqa: E402
from relugeom.regions import enumerate_regions  # noqa: E402

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
needs_browser = pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="Debian's chromium and chromium-driver "
                                   "(.ci/run installs them)")


@pytest.fixture
def browser(tmp_path):
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1200,1300", f"--user-data-dir={tmp_path / 'chromium'}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


def _wait(predicate, seconds: float = 30.0):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("timed out waiting for the page")


def _summary(driver) -> str:
    return driver.execute_script(
        "const d = window.Bokeh && Bokeh.documents[0]; const m = d && d.get_model_by_name('summary');"
        "return m ? m.text : '';")


def test_views_are_exact():
    net = ReLUNetwork.load(EXAMPLES / "small_2d.json")
    view = compute_view(net, Domain.box(-2, 2, dim=2))
    count = len(enumerate_regions(net, Domain.box(-2, 2, dim=2)))
    assert view.summary.startswith(f"{count} activation regions") and len(view.regions["pattern"]) == count
    assert all(p.startswith("(") for p in view.regions["point"]) and all(m.startswith("f(x) = ")
                                                                         for m in view.regions["map"])
    html = report_html(net, Domain.box(-2, 2, dim=2))
    assert "<script src=\"http" not in html and "cdn.bokeh.org" not in html  # self-contained


@needs_browser
def test_static_report_renders_without_console_errors(browser, tmp_path, capsys):
    out = tmp_path / "report.html"
    assert main(["report", str(EXAMPLES / "relu_111.json"), "--box", "3", "--inputs",
                 str(EXAMPLES / "relu_111_inputs.json"), "-o", str(out)]) == 0
    browser.get(out.as_uri())
    text = _wait(lambda: _summary(browser))
    assert text.startswith("2 activation regions")
    assert browser.execute_script(  # the parameter-space picture of the 1-1-1 network
        "return Bokeh.documents[0].get_model_by_name('parameters').text.includes('data:image/png')")
    browser.save_screenshot(str(tmp_path / "report.png"))
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@needs_browser
def test_explorer_slider_re_enumerates_exactly(browser, tmp_path):
    net = ReLUNetwork.load(EXAMPLES / "small_2d.json")
    domain = Domain.box(-2, 2, dim=2)
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "relugeom.cli", "explore", str(EXAMPLES / "small_2d.json"),
                             "--box", "2", "--port", str(port), "--no-browser"], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env={**os.environ, "BOKEH_LOG_LEVEL": "error"})
    try:
        assert "http://localhost" in proc.stdout.readline()
        browser.get(f"http://localhost:{port}/")
        before = len(enumerate_regions(net, domain))
        assert _wait(lambda: _summary(browser)).startswith(f"{before} activation regions")
        theta = list(net.parameters())

        def count(k: int, v: Fraction) -> int:
            changed = theta[:k] + [v] + theta[k + 1:]
            return len(enumerate_regions(net.with_parameters(changed), domain))

        # the first parameter (and value, a multiple of 1/4 in the slider's range) that changes the count
        k, value = next((k, Fraction(q, 4)) for k in range(len(theta)) for q in range(-12, 13)
                        if count(k, Fraction(q, 4)) != before)
        after = count(k, value)
        browser.execute_script(
            f"const s = Bokeh.documents[0].get_model_by_name('slider_{k}'); s.value = {float(value)};"
            f"s.value_throttled = {float(value)};")
        assert _wait(lambda: _summary(browser).startswith(f"{after} activation regions"))
        browser.save_screenshot(str(tmp_path / "explorer.png"))
        assert not [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_report_command_errors(tmp_path, capsys):
    assert main(["report", str(EXAMPLES / "small_2d.json"), "-o", str(tmp_path / "r.png")]) == 2
    assert main(["report", str(EXAMPLES / "small_2d.json"), "--polytope", str(tmp_path / "none.json"),
                 "-o", str(tmp_path / "r.html")]) == 2
    three = tmp_path / "net3.json"
    three.write_text(json.dumps({"layers": [{"weight": [[1, 0, 0]], "bias": [0]}, {"weight": [[1]], "bias": [0]}]}))
    assert main(["report", str(three), "-o", str(tmp_path / "r.html")]) == 2
    assert "1 or 2 inputs" in capsys.readouterr().err
