"""A coordinator and the department work through Shakhty's review cycle in a real browser.

Usage: browser_test.py BASE_URL OUTDIR
"""
import os
import sys
import time
import zipfile

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import WebDriverWait

base, outdir = sys.argv[1], sys.argv[2]
downloads = os.path.join(outdir, "downloads")
os.makedirs(downloads, exist_ok=True)

options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1600", "--lang=ru"):
    options.add_argument(argument)
options.add_experimental_option("prefs", {"download.default_directory": downloads, "download.prompt_for_download": False})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
driver.implicitly_wait(5)
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print(f"FAIL: {what}", file=sys.stderr)


def submit(button):
    """Clicks a form's button and waits for the next page to replace this one."""
    page = driver.find_element(By.TAG_NAME, "html")
    button.click()

    def replaced(_):
        # The old page's root is gone once the next page has loaded. Chromium may answer a
        # question about a node it is detaching with another error than "stale"; any error
        # means the node is gone too.
        try:
            page.tag_name
            return False
        except WebDriverException:
            return True

    WebDriverWait(driver, 15).until(replaced)
    WebDriverWait(driver, 15).until(lambda d: d.execute_script("return document.readyState") == "complete")


def sign_in(login, password):
    driver.get(base + "/login")
    driver.find_element(By.NAME, "login").send_keys(login)
    driver.find_element(By.NAME, "password").send_keys(password)
    submit(driver.find_element(By.CSS_SELECTOR, "form button[type=submit]"))


def sign_out():
    submit(driver.find_element(By.CSS_SELECTOR, "header form button"))


def form(transition):
    return driver.find_element(By.XPATH, f"//form[input[@name='transition' and @value='{transition}']]")


def status_shown():
    return driver.find_element(By.CSS_SELECTOR, "dl.card dd strong").text


pdf = os.path.join(outdir, "protokol-5.pdf")
with open(pdf, "wb") as file:
    file.write(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

try:
    # The coordinator signs in and sees the dashboard of her municipality.
    sign_in("stacenko", "stacenko-secret")
    check("Мои дорожные карты" in driver.page_source, "dashboard after sign-in")
    check("г. Шахты, 2022" in driver.page_source, "the roadmap on the dashboard")
    driver.save_screenshot(os.path.join(outdir, "dashboard.png"))

    submit(driver.find_element(By.LINK_TEXT, "г. Шахты, 2022"))
    check("Организационное сопровождение Проекта 500+" in driver.page_source, "stages on the roadmap page")
    check("Август-ноябрь 2022" in driver.page_source, "timing as printed")
    driver.save_screenshot(os.path.join(outdir, "roadmap.png"))

    # The timeline, drawn on the server as SVG.
    submit(driver.find_element(By.LINK_TEXT, "График"))
    check(len(driver.find_elements(By.CSS_SELECTOR, "svg.timeline rect")) > 20, "bars on the timeline")
    check("сегодня" in driver.page_source or "2022" in driver.page_source, "the timeline page")
    driver.save_screenshot(os.path.join(outdir, "timeline.png"))

    # She reports 1.4 with an uploaded PDF.
    driver.get(base + "/roadmaps/shakhty-2022/activities/1.4")
    report = form("report")
    report.find_element(By.NAME, "report").send_keys("Семинар по итогам проведен 16.12.2022")
    report.find_element(By.NAME, "file").send_keys(pdf)
    submit(report.find_element(By.CSS_SELECTOR, "button"))
    check(status_shown() == "на проверке", f"status after report: {status_shown()}")
    check("protokol-5.pdf" in driver.page_source, "the uploaded file listed as evidence")
    driver.save_screenshot(os.path.join(outdir, "activity.png"))
    sign_out()

    # The department returns it: first without a comment (refused), then with one.
    sign_in("tkachenko", "tkachenko-secret")
    driver.get(base + "/roadmaps/shakhty-2022/activities/1.4")
    submit(form("return").find_element(By.CSS_SELECTOR, "button"))
    check("укажите: комментарий" in driver.page_source, "a return without a comment is refused")
    check(status_shown() == "на проверке", "nothing changed by the refusal")
    returned = form("return")
    returned.find_element(By.NAME, "comment").send_keys("Нет подписей в протоколе")
    submit(returned.find_element(By.CSS_SELECTOR, "button"))
    check(status_shown() == "на доработке", f"status after return: {status_shown()}")
    sign_out()

    # She reports again with a link; the department accepts.
    sign_in("stacenko", "stacenko-secret")
    driver.get(base + "/roadmaps/shakhty-2022/activities/1.4")
    check("Нет подписей в протоколе" in driver.page_source, "the comment in the history")
    again = form("report")
    again.find_element(By.NAME, "evidence").send_keys("https://shakhty-edu.ru/500plus/protokol-5-podpisan.pdf")
    submit(again.find_element(By.CSS_SELECTOR, "button"))
    check(status_shown() == "на проверке", "reported again")
    sign_out()
    sign_in("tkachenko", "tkachenko-secret")
    driver.get(base + "/roadmaps/shakhty-2022/activities/1.4")
    submit(form("accept").find_element(By.CSS_SELECTOR, "button"))
    check(status_shown() == "выполнено", f"status after accept: {status_shown()}")
    sign_out()

    # The coordinator downloads the DOCX.
    sign_in("stacenko", "stacenko-secret")
    driver.get(base + "/roadmaps/shakhty-2022")
    driver.find_element(By.PARTIAL_LINK_TEXT, "(DOCX)").click()
    path = os.path.join(downloads, "shakhty-2022-execution.docx")
    for _ in range(100):
        if os.path.exists(path):
            break
        time.sleep(0.1)
    check(os.path.exists(path), "the DOCX downloaded")
    if os.path.exists(path):
        with zipfile.ZipFile(path) as package:
            document = package.read("word/document.xml").decode("utf-8")
        check("Семинар по итогам проведен 16.12.2022" in document, "the report text in the DOCX")
finally:
    driver.quit()

if failures:
    print(f"browser test: {len(failures)} failure(s)", file=sys.stderr)
    sys.exit(1)
print("browser test: the review cycle works in Chromium")
