package org.reelpulse.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by Selenium through the installed chromedriver. Nothing is
 * downloaded: a missing browser fails the test with how to install it.
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("reelpulse.test.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("reelpulse.test.chromedriver", "/usr/bin/chromedriver");

    final ChromeDriver driver;
    private final String base;
    private final Path userData;

    Browser(String base) throws IOException {
        for (String exe : new String[] {CHROMIUM, CHROMEDRIVER}) {
            if (!new File(exe).canExecute()) {
                throw new IllegalStateException(exe + " is missing: the browser tests need Debian's chromium and "
                        + "chromium-driver (apt-get install chromium chromium-driver), see README");
            }
        }
        this.base = base;
        this.userData = Files.createTempDirectory("reelpulse-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,1150", "--user-data-dir=" + userData);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    void open(String path) {
        driver.get(base + path);
    }

    WebElement await(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(60)).until(ExpectedConditions.presenceOfElementLocated(by));
    }

    void awaitTrue(String script, Object... args) {
        try {
            new WebDriverWait(driver, Duration.ofSeconds(60))
                    .until(d -> Boolean.TRUE.equals(driver.executeScript(script, args)));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("Still not true after 60 s: " + script + "\n" + evidence(), e);
        }
    }

    /** What the page showed when a wait failed: its address and text, and a screenshot under target/screenshots. */
    private String evidence() {
        try {
            String name = "timeout-" + System.currentTimeMillis();
            screenshot(name);
            Object text = driver.executeScript("return document.body ? document.body.innerText : '';");
            String shown = String.valueOf(text);
            return "page " + driver.getCurrentUrl() + " (screenshot " + name + ".png) showed:\n"
                    + (shown.length() > 3000 ? shown.substring(0, 3000) + "…" : shown);
        } catch (IOException | RuntimeException e) {
            return "(no evidence: " + e + ")";
        }
    }

    /** Clicks an element wherever it is on a long page (scrolled into view first, clicked as a user would). */
    void click(By by) {
        WebElement e = await(by);
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", e);
    }

    /** Logs in through the login page and waits until the application answered with a view. */
    void login(String user, String password) {
        submitLogin(user, password);
        // opening another page before the sign-in has answered would cancel it and land on the login page
        awaitTrue("return !location.pathname.startsWith('/login') && !!document.querySelector('vaadin-app-layout');");
    }

    /** Fills in and sends the login form, without waiting for the answer. */
    void submitLogin(String user, String password) {
        open("/login");
        WebElement form = await(By.tagName("vaadin-login-form"));
        awaitTrue("return !!document.querySelector('vaadin-login-form input[name=username]')");
        form.findElement(By.cssSelector("input[name=username]")).sendKeys(user);
        form.findElement(By.cssSelector("input[name=password]")).sendKeys(password);
        form.findElement(By.cssSelector("vaadin-button[slot=submit], vaadin-button")).click();
    }

    void screenshot(String name) throws IOException {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        // the development-mode notice would cover part of the view
        driver.executeScript("document.querySelectorAll('vaadin-dev-tools').forEach(e => e.remove());");
        File png = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
