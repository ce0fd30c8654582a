package org.ser4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.ser4j.audio.AudioReader;
import org.ser4j.audio.Signal;
import org.ser4j.audio.WavWriter;
import org.ser4j.io.SharedPaths;
import org.ser4j.models.Prediction;
import org.ser4j.models.Predictor;

/**
 * The web page end to end: Debian's headless chromium (through chromedriver) against a real server on loopback,
 * real clips, and the browser's fake microphone fed from a WAV file. Each test saves a screenshot under
 * {@code <build dir>/screenshots/}. Skipped without chromium on a developer machine; fails in CI (env {@code CI}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebPageTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final long MAX_UPLOAD = 2L * 1024 * 1024;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private Path dir;
    private Ser4jServer server;
    private Http http;
    private ChromeDriver browser;
    private Path screenshots;
    /** Calm, 1 s of silence, surprised, 1 s of silence: two utterances, so two segments. */
    private Path twoUtterances;

    @BeforeAll
    void start(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String why = "chromium and chromedriver are needed at " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (run .ci/chromium.sh)";
            if (System.getenv("CI") != null) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        Path classes = Path.of(WebPageTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        screenshots = Files.createDirectories(classes.getParent().resolve("screenshots"));

        Signal calm = AudioReader.read(SharedPaths.samples().resolve("03-01-02-01-02-02-13.wav"), 48000);
        Signal surprised = AudioReader.read(SharedPaths.samples().resolve("03-01-08-01-02-02-11.wav"), 48000);
        float[] joined = concat(calm.samples(), new float[48000], surprised.samples(), new float[48000]);
        twoUtterances = dir.resolve("two-utterances.wav");
        Files.write(twoUtterances, TestAudio.wav(joined, 48000));

        server = Ser4jServer.start(ServerConfig.defaults(TestModel.bundle()).withPort(0).withDataDir(dir.resolve("data"))
                .withLimits(MAX_UPLOAD, 600, Duration.ofSeconds(30)));
        http = new Http(server.port());
        // The fake microphone loops this file: speech with pauses, so the live stream closes segments.
        browser = startBrowser(twoUtterances);
    }

    private ChromeDriver startBrowser(Path microphoneWav) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile()); // with both paths set, Selenium Manager is never run
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
                "--disable-dev-shm-usage", "--user-data-dir=" + dir.resolve("chromium-profile"),
                "--window-size=1280,1000", "--autoplay-policy=no-user-gesture-required",
                // A microphone without a permission prompt, playing a file.
                "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                "--use-file-for-fake-audio-capture=" + microphoneWav);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return new ChromeDriver(service, options);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.stop();
        }
    }

    @BeforeEach
    void openPage() {
        browser.manage().window().setSize(new Dimension(1280, 1000));
        open(server.port(), "");
    }

    /** Scripts must run without errors; a Content-Security-Policy violation would mean the page loads something foreign. */
    @AfterEach
    void noScriptErrors() {
        for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
            String m = e.getMessage();
            boolean expectedHttpError = m.contains("Failed to load resource") || m.contains("ERR_CONNECTION_REFUSED");
            if (e.getLevel().intValue() >= Level.SEVERE.intValue() && !expectedHttpError) {
                fail("browser console: " + m);
            }
        }
    }

    @Test
    void anUploadShowsThePredictionItsBarsSegmentsAndBothPlots() throws Exception {
        predict(twoUtterances);
        Prediction expected = new Predictor(TestModel.bundle()).predict(AudioReader.read(twoUtterances, 16000));

        assertEquals(expected.emotion(), text("result-emotion").toLowerCase()); // shown capitalised
        assertEquals(Math.round(expected.confidence() * 100) + " % confident", text("result-confidence"));
        List<WebElement> bars = browser.findElements(By.cssSelector("#result-bars li"));
        assertEquals(TestModel.CLASSES.size(), bars.size());
        assertTrue(bars.get(0).getText().startsWith("Neutral"), bars.get(0).getText());
        assertTrue(text("result-file").contains("two-utterances.wav"));

        // Two utterances, two coloured segments; clicking the second seeks the player to its start.
        List<WebElement> segments = waitFor(d -> {
            List<WebElement> s = d.findElements(By.cssSelector("#timeline button"));
            return s.size() >= 2 ? s : null;
        });
        segments.get(1).click();
        double at = playerTime();
        assertTrue(at > 2.5 && at < 5, "player at " + at + " s after clicking the second segment");
        // The pauses between and after the utterances are grey gaps without a label, not buttons.
        List<WebElement> gaps = browser.findElements(By.cssSelector("#timeline .gap"));
        assertTrue(gaps.size() >= 2, gaps.size() + " gaps");
        gaps.forEach(g -> assertEquals("", g.getText()));
        assertTrue(gaps.get(gaps.size() - 1).getAttribute("title").endsWith("s: no speech"),
                gaps.get(gaps.size() - 1).getAttribute("title"));

        waitForPlots();
        assertTrue(paintedShare("waveform") > 0.01, "the waveform canvas is blank");
        assertTrue(paintedShare("spectrogram") > 0.9, "the spectrogram canvas is not filled");
        assertEquals(String.format(java.util.Locale.ROOT, "%.2f s", expected.durationS()), text("axis-end"));
        // The playhead follows the player: seek to the middle and it sits near the middle of the plot.
        js("const p = document.getElementById('player'); p.pause(); p.currentTime = p.duration / 2;");
        waitFor(d -> Math.abs(playheadFraction() - 0.5) < 0.05 ? true : null);
        browser.manage().window().setSize(new Dimension(1280, 1560)); // the whole result in one picture
        screenshot("upload");
    }

    /**
     * A recording of silence (a 16-bit WAV of zeros made here) gets no emotion: the page says "No speech detected"
     * and why, shows no bars, no confidence and no timeline; confirming it is accepted; the dashboard counts it
     * apart from the emotions.
     */
    @Test
    void aSilentUploadShowsNoSpeechInsteadOfAnEmotion() throws Exception {
        Path silent = dir.resolve("silence.wav");
        WavWriter.write(new Signal(new float[3 * 16000], 16000, "silence"), silent);
        predict(silent);
        assertEquals("No speech detected", text("result-emotion"));
        assertTrue(text("result-reason").contains("silence"), text("result-reason"));
        assertTrue(browser.findElement(By.id("result-reason")).isDisplayed());
        assertEquals("", text("result-confidence"));
        assertTrue(browser.findElements(By.cssSelector("#result-bars li")).isEmpty(), "no emotion bars");
        assertFalse(browser.findElement(By.id("timeline-area")).isDisplayed(), "no timeline of segments");
        assertTrue(text("result-file").contains("silence.wav"), text("result-file"));
        waitForPlots();
        screenshot("no-speech");

        browser.findElement(By.cssSelector("input[name='correct'][value='true']")).click();
        browser.findElement(By.cssSelector("#feedback-form button[type='submit']")).click();
        waitFor(d -> text("feedback-status").startsWith("Thank you") ? true : null);

        open(server.port(), "#dashboard");
        waitFor(d -> text("dash-no-speech").contains("held no speech") ? true : null);
        for (WebElement name : browser.findElements(By.cssSelector("#dash-emotions li .name"))) {
            assertFalse(name.getText().toLowerCase().contains("speech"), "no_speech is not an emotion bar");
        }
        assertTrue(browser.findElement(By.id("dash-recent")).getText().contains("silence.wav"));
    }

    /**
     * Choosing a file shows it (name, duration, player) with a Predict button and sends nothing; Predict, pressed
     * from the keyboard, says "Analysing…" while disabled, then the answer is shown and stored once.
     */
    @Test
    void choosingAFileSendsNothingUntilPredictIsPressed() throws Exception {
        Path clip = Files.copy(twoUtterances, dir.resolve("press-predict.wav"));
        choose(clip);
        waitFor(d -> text("chosen-duration").matches("· \\d+\\.\\d s") ? true : null); // the player read it
        assertEquals("press-predict.wav", text("chosen-name"));
        assertTrue(browser.findElement(By.id("player")).isDisplayed());
        WebElement predict = browser.findElement(By.id("predict-button"));
        assertTrue(predict.isDisplayed() && predict.isEnabled());
        assertEquals("Predict", predict.getText());
        sleep(1000); // time for a request that must not come
        assertEquals(0, storedPredictionsOf("press-predict.wav"), "sent before Predict was pressed");
        assertFalse(browser.findElement(By.id("result-area")).isDisplayed());
        assertEquals("", text("analyse-progress"));

        // Every state the button goes through, as the page sets it.
        js("window.predictStates = []; const b = document.getElementById('predict-button');"
                + "new MutationObserver(() => window.predictStates.push(b.disabled + ' ' + b.textContent))"
                + ".observe(b, {attributes: true, childList: true, characterData: true, subtree: true});");
        js("arguments[0].focus()", predict);
        predict.sendKeys(Keys.ENTER);
        waitFor(d -> !text("result-emotion").isEmpty() ? true : null);
        assertTrue(text("result-file").contains("press-predict.wav"), text("result-file"));
        assertEquals(1, storedPredictionsOf("press-predict.wav"));
        waitFor(d -> predict.isEnabled() && "Predict".equals(predict.getText()) ? true : null);
        assertEquals(List.of("true Analysing…", "false Predict"), js("return window.predictStates"));
        screenshot("press-predict");
    }

    /** With "Analyse as soon as a file is chosen" ticked, a chosen file is predicted at once, also after a reload. */
    @Test
    void withAutoAnalyseTickedAChosenFileIsPredictedAtOnceAndTheSettingSurvivesAReload() throws Exception {
        WebElement autoAnalyse = browser.findElement(By.id("auto-analyse"));
        assertFalse(autoAnalyse.isSelected(), "unticked unless the user ticks it");
        autoAnalyse.click();
        try {
            open(server.port(), ""); // a reload
            assertTrue(browser.findElement(By.id("auto-analyse")).isSelected(), "the setting was forgotten");
            Path clip = Files.copy(twoUtterances, dir.resolve("auto-analyse.wav"));
            choose(clip); // and nothing else: Predict is never pressed
            waitFor(d -> !text("result-emotion").isEmpty() ? true : null);
            assertTrue(text("result-file").contains("auto-analyse.wav"), text("result-file"));
            assertEquals(1, storedPredictionsOf("auto-analyse.wav"));
            screenshot("auto-analyse");

            browser.findElement(By.id("auto-analyse")).click(); // unticked again: also remembered
            open(server.port(), "");
            assertFalse(browser.findElement(By.id("auto-analyse")).isSelected());
        } finally {
            js("localStorage.removeItem('ser4j-auto-analyse')"); // the other tests press Predict
        }
    }

    /**
     * A clip of four utterances with pauses between them: the chart draws one stacked series per emotion in its
     * colour with a column per speech segment, a legend, and a click on it seeks the player to that time.
     */
    @Test
    void aLongerClipShowsEveryEmotionsScoreOverTimeAndClickingTheChartSeeks() throws Exception {
        float[] calm = AudioReader.read(SharedPaths.samples().resolve("03-01-02-01-02-02-13.wav"), 16000).samples();
        float[] surprised =
                AudioReader.read(SharedPaths.samples().resolve("03-01-08-01-02-02-11.wav"), 16000).samples();
        float[] pause = new float[16000];
        float[] joined = concat(calm, pause, surprised, pause, calm, pause, surprised, pause);
        Path longer = dir.resolve("four-utterances.wav");
        Files.write(longer, TestAudio.wav(joined, 16000));
        double duration = joined.length / 16000.0;
        predict(longer);

        waitFor(d -> d.findElement(By.id("emotion-chart-area")).isDisplayed() ? true : null);
        int speechSegments = browser.findElements(By.cssSelector("#timeline button")).size();
        assertTrue(speechSegments >= 3, speechSegments + " speech segments");
        List<WebElement> series = browser.findElements(By.cssSelector("#emotion-chart path.series"));
        List<String> emotions = series.stream().map(s -> s.getAttribute("data-emotion")).toList();
        assertEquals(new java.util.TreeSet<>(TestModel.CLASSES), new java.util.TreeSet<>(emotions));
        assertEquals(TestModel.CLASSES.size(), emotions.size(), "one series per emotion: " + emotions);
        @SuppressWarnings("unchecked")
        List<String> colours = (List<String>) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                + "import('/js/emotions.js').then((e) => done(arguments[0].map((name) => e.colourOf(name))));",
                emotions);
        for (int i = 0; i < series.size(); i++) {
            WebElement s = series.get(i);
            assertEquals(colours.get(i), s.getAttribute("fill"), emotions.get(i) + "'s colour");
            // one column per speech segment
            assertEquals(speechSegments, s.getAttribute("d").chars().filter(c -> c == 'M').count(), emotions.get(i));
        }
        assertEquals(emotions, browser.findElements(By.cssSelector("#emotion-chart-legend li")).stream()
                .map(li -> li.getText().toLowerCase()).toList());
        assertEquals(String.format(java.util.Locale.ROOT, "%.1f s", duration), text("emotion-chart-end"));
        js("document.getElementById('h-emotion-chart').scrollIntoView()");
        screenshot("emotion-over-time");

        // A click in the middle of the chart plays from the middle of the clip, a quarter in from a quarter.
        js("const p = document.getElementById('player'); p.pause(); p.currentTime = 0;");
        WebElement box = browser.findElement(By.id("emotion-chart-box"));
        box.click();
        double at = playerTime();
        assertTrue(Math.abs(at - duration / 2) < 0.5, "player at " + at + " s of " + duration);
        assertTrue(Math.abs(playheadFraction("emotion-chart-box") - 0.5) < 0.05);
        new Actions(browser).moveToElement(box, -box.getSize().getWidth() / 4, 0).click().perform();
        at = playerTime();
        assertTrue(Math.abs(at - duration / 4) < 0.5, "player at " + at + " s of " + duration);
    }

    @Test
    void feedbackIsConfirmedAndEndsUpInTheCsv() throws Exception {
        predict(SharedPaths.samples().resolve("03-01-02-01-02-02-13.flac"));
        // One stretch of speech: nothing to draw over time.
        assertFalse(browser.findElement(By.id("emotion-chart-area")).isDisplayed(), "no emotion-over-time chart");
        browser.findElement(By.cssSelector("input[name='correct'][value='false']")).click();
        new Select(browser.findElement(By.id("right-emotion"))).selectByValue("sad");
        browser.findElement(By.id("comment")).sendKeys("said by the web page test");
        browser.findElement(By.cssSelector("#feedback-form button[type='submit']")).click();
        waitFor(d -> text("feedback-status").startsWith("Thank you") ? true : null);
        assertTrue(text("feedback-status").contains("it was sad"), text("feedback-status"));
        screenshot("feedback");

        // The page's download link is the CSV route; that CSV now holds this feedback.
        String href = browser.findElement(By.cssSelector("#feedback-form a[download]")).getAttribute("href");
        assertEquals(http.base() + "/api/v1/feedback.csv", href);
        String csv = http.get("/api/v1/feedback.csv").body();
        String row = csv.lines().filter(l -> l.contains("said by the web page test")).findFirst().orElseThrow();
        assertTrue(row.contains("03-01-02-01-02-02-13.flac") && row.contains("sad"), row);

        // The dashboard counts it.
        open(server.port(), "#dashboard");
        waitFor(d -> text("dash-feedback").contains("answers said") ? true : null);
        assertTrue(browser.findElement(By.id("dash-recent")).getText().contains("03-01-02-01-02-02-13.flac"));
    }

    @Test
    void aRecordingFromTheMicrophoneIsPredicted() {
        WebElement record = browser.findElement(By.id("record-button"));
        record.click();
        waitFor(d -> "true".equals(record.getAttribute("aria-pressed")) ? true : null);
        sleep(3500);
        record.click();
        waitFor(d -> !text("result-emotion").isEmpty() ? true : null);
        assertTrue(TestModel.CLASSES.contains(text("result-emotion").toLowerCase()), text("result-emotion"));
        assertTrue(text("result-file").matches("· recording-.*\\.wav, \\d\\.\\d\\d s"), text("result-file"));
        double seconds = Double.parseDouble(text("result-file").replaceAll(".*, ([\\d.]+) s", "$1"));
        assertTrue(seconds > 3 && seconds < 5, seconds + " s recorded");
        waitForPlots();
        assertTrue(paintedShare("waveform") > 0.01, "the waveform of the recording is blank");
        screenshot("record");
    }

    @Test
    void liveModeShowsSegmentsWhileSpeaking() {
        open(server.port(), "#live");
        browser.findElement(By.id("live-button")).click();
        // The fake microphone says two sentences with a pause after each (about 4 s each).
        List<WebElement> items = waitFor(d -> {
            List<WebElement> li = d.findElements(By.cssSelector("#live-segments li"));
            return li.isEmpty() ? null : li;
        });
        assertTrue(items.get(0).getText().matches("\\d+\\.\\d–\\d+\\.\\d s: \\w+ \\d+ %"), items.get(0).getText());
        // newest on top, yet numbered in time order (1. is the first segment): a reversed list
        assertEquals(Boolean.TRUE, js("return document.getElementById('live-segments').reversed"));
        assertFalse(browser.findElements(By.cssSelector("#live-timeline button")).isEmpty());
        screenshot("live");
        browser.findElement(By.id("live-button")).click();
        waitFor(d -> text("live-status").startsWith("Stopped.") ? true : null);
        assertEquals("false", browser.findElement(By.id("live-button")).getAttribute("aria-pressed"));
    }

    /**
     * Live mode's rendering of a streamed stretch without speech (the server's {"type": "segment", "speech": false}
     * message), checked through the page's own modules: listed as "no speech" with the reason as its tooltip, drawn
     * as a grey gap without a label beside the speech segments' buttons.
     */
    @Test
    void liveModeShowsAStretchWithoutSpeechAsAGreyGap() {
        open(server.port(), "#live");
        Object result = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                + "Promise.all([import('/js/live.js'), import('/js/emotions.js')]).then(([live, emotions]) => {"
                + "  const speech = {type: 'segment', speech: true, start_s: 0.9, end_s: 2.1, emotion: 'happy',"
                + "    confidence: 0.98};"
                + "  const none = {type: 'segment', speech: false, start_s: 3.0, end_s: 6.4,"
                + "    no_speech_reason: 'no voice activity'};"
                + "  const list = document.getElementById('live-segments');"
                + "  list.replaceChildren(live.segmentItem(none), live.segmentItem(speech));"
                + "  const box = document.getElementById('live-timeline');"
                + "  emotions.drawTimeline(box, [speech, none], 10);"
                + "  done({first: list.children[0].textContent, cls: list.children[0].className,"
                + "    title: list.children[0].title, second: list.children[1].textContent,"
                + "    buttons: box.querySelectorAll('button').length, gaps: box.querySelectorAll('.gap').length,"
                + "    gapText: box.querySelector('.gap').textContent, gapTitle: box.querySelector('.gap').title});"
                + "}).catch((e) => done({error: String(e)}));");
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> r = (java.util.Map<String, Object>) result;
        assertEquals(null, r.get("error"));
        assertEquals("3.0–6.4 s: no speech", r.get("first"));
        assertEquals("no-speech", r.get("cls"));
        assertEquals("no voice activity", r.get("title"));
        assertEquals("0.9–2.1 s: happy 98 %", r.get("second"));
        assertEquals(1L, ((Number) r.get("buttons")).longValue());
        assertEquals(1L, ((Number) r.get("gaps")).longValue());
        assertEquals("", r.get("gapText"));
        assertEquals("3.0–6.4 s: no speech (no voice activity)", r.get("gapTitle"));
        screenshot("live-no-speech");
    }

    @Test
    void errorsAreExplained() throws IOException {
        Path notAudio = dir.resolve("notes.txt");
        Files.writeString(notAudio, "these are notes, not audio\n".repeat(20));
        upload(notAudio);
        waitFor(d -> text("analyse-error").contains("“notes.txt” is not an audio format ser4j can read") ? true : null);
        screenshot("error-unsupported");

        Path big = dir.resolve("long.wav");
        Files.write(big, TestAudio.wav(TestAudio.noise(70, 16000, 0.1, 1), 16000)); // 2.2 MB, over the 2 MB limit
        upload(big);
        waitFor(d -> text("analyse-error").contains("“long.wav” is too large") ? true : null);
        assertTrue(text("analyse-error").contains("The server accepts files up to 2 MB."), text("analyse-error"));
        screenshot("error-too-large");

        // A server that goes away after the page was loaded.
        try (Ser4jServer doomed = Ser4jServer.start(ServerConfig.defaults(TestModel.bundle()).withPort(0)
                .withDataDir(dir.resolve("doomed")))) {
            open(doomed.port(), "");
            doomed.stop();
            upload(twoUtterances);
            waitFor(d -> text("analyse-error").contains("The server is not answering") ? true : null);
            assertTrue(text("analyse-error").contains("bin/ser4j serve"), text("analyse-error"));
            assertTrue(text("server-status").contains("server unreachable"), text("server-status"));
            screenshot("error-server-down");
        }
    }

    @Test
    void theModelDatasetsAndHelpPagesDescribeTheBundle() {
        open(server.port(), "#model");
        WebElement model = browser.findElement(By.id("model-details"));
        waitFor(d -> model.getText().contains("Confusion matrix") ? true : null);
        assertTrue(model.getText().contains("server-test 1"));
        assertTrue(model.getText().contains("Cross-validated evaluation (56 clips)"), model.getText());
        // 4 classes: a header row and 4 rows of 4 cells in the confusion matrix.
        List<WebElement> rows = browser.findElements(By.xpath(
                "//h3[.='Confusion matrix']/following-sibling::div//tbody/tr"));
        assertEquals(4, rows.size());
        assertEquals(4, rows.get(0).findElements(By.tagName("td")).size());
        screenshot("model");

        open(server.port(), "#datasets");
        String datasets = browser.findElement(By.id("dataset-details")).getText();
        assertTrue(datasets.contains("ravdess") && datasets.contains("Ryerson Audio-Visual Database"), datasets);
        assertTrue(browser.findElement(By.id("side-datasets")).getText().contains("ravdess"));

        open(server.port(), "#help");
        assertTrue(browser.findElement(By.id("panel-help")).getText().contains("What is stored"));
        assertFalse(browser.findElement(By.id("panel-analyse")).isDisplayed());

        // About: the model card from the bundle, privacy from this server's settings (no audio kept, SQLite)
        open(server.port(), "#about");
        WebElement privacy = browser.findElement(By.id("about-privacy"));
        waitFor(d -> privacy.getText().contains("database") ? true : null);
        assertTrue(privacy.getText().contains("SQLite database") && privacy.getText().contains("audio is not kept"),
                privacy.getText());
        String card = browser.findElement(By.id("about-model")).getText();
        assertTrue(card.contains("server-test 1") && card.contains("ravdess (56 clips, 2 speakers)")
                && card.contains("Languages\nEnglish") && card.contains("unweighted accuracy"), card);
        assertTrue(browser.findElement(By.id("panel-about")).getText().contains("Livingstone"));
        screenshot("about");
    }

    @Test
    void onAPhoneSizedScreenThePageFitsAndWorksByKeyboard() {
        browser.manage().window().setSize(new Dimension(390, 844));
        open(server.port(), "");
        predict(SharedPaths.samples().resolve("03-01-02-01-02-02-13_128k.mp3"));
        waitForPlots();
        long overflow = ((Number) js("return document.documentElement.scrollWidth - window.innerWidth")).longValue();
        assertTrue(overflow <= 0, "the page is " + overflow + " px wider than the phone's screen");
        // Every form control has a label a screen reader can read.
        assertEquals(0L, js("return [...document.querySelectorAll('input:not([type=radio]), select, textarea')]"
                + ".filter(e => !e.labels || e.labels.length === 0).length"));
        js("document.getElementById('h-result').scrollIntoView()");
        screenshot("phone");

        // The navigation works from the keyboard: focus the Model link and press Enter.
        WebElement link = browser.findElement(By.cssSelector(".nav a[href='#model']"));
        js("arguments[0].focus()", link);
        link.sendKeys(Keys.ENTER);
        waitFor(d -> d.findElement(By.id("panel-model")).isDisplayed() ? true : null);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /**
     * With a model that adapts, the page keeps one session per tab: each upload with speech counts towards "adapting
     * to your voice", a silent one does not, and "Reset" starts afresh (the server forgets the session).
     */
    @Test
    void withAnAdaptiveModelThePageAdaptsToTheTabsVoiceAndCanReset() throws Exception {
        try (Ser4jServer adaptive = Ser4jServer.start(ServerConfig.defaults(TestModel.adaptive()).withPort(0)
                .withDataDir(dir.resolve("adaptive-data")))) {
            open(adaptive.port(), "");
            WebElement status = browser.findElement(By.cssSelector("#panel-analyse .adaptation-status"));
            assertTrue(status.isDisplayed());
            predict(twoUtterances);
            waitFor(d -> status.getText().contains("1 of 5 clips") ? true : null);
            Path silent = dir.resolve("silence-adaptive.wav");
            WavWriter.write(new Signal(new float[3 * 16000], 16000, "silence"), silent);
            predict(silent);
            assertTrue(status.getText().contains("no clip with speech yet") || status.getText().contains("1 of 5"),
                    "silence does not count: " + status.getText());
            predict(twoUtterances);
            waitFor(d -> status.getText().contains("2 of 5 clips") ? true : null);
            String session = (String) js("return sessionStorage.getItem('ser4j-session')");
            assertEquals(2, new Http(adaptive.port()).get("/api/v1/sessions/" + session).json().get("clips").asInt());
            screenshot("adapting");
            status.findElement(By.cssSelector(".adaptation-reset")).click();
            waitFor(d -> status.getText().contains("started afresh") ? true : null);
            assertEquals(0, new Http(adaptive.port()).get("/api/v1/sessions/" + session).json().get("clips").asInt());
            predict(twoUtterances);
            waitFor(d -> status.getText().contains("1 of 5 clips") ? true : null);
        }
    }

    private void open(int port, String fragment) {
        browser.get("http://127.0.0.1:" + port + "/" + fragment);
        waitFor(d -> "true".equals(js("return document.body.dataset.ready")) ? true : null);
    }

    /**
     * Chooses a file in the page's file picker (after clearing any earlier result); unless "Analyse as soon as a file
     * is chosen" is ticked, nothing is sent yet.
     */
    private void choose(Path file) {
        js("document.getElementById('result-emotion').textContent = ''");
        browser.findElement(By.id("file-input")).sendKeys(file.toAbsolutePath().toString());
    }

    /** Chooses a file and presses Predict. */
    private void upload(Path file) {
        choose(file);
        WebElement predict = browser.findElement(By.id("predict-button"));
        waitFor(d -> predict.isDisplayed() && predict.isEnabled() ? true : null);
        predict.click();
    }

    /** How many predictions of a file (by its name) the server has stored. */
    private long storedPredictionsOf(String fileName) throws IOException {
        JsonNode items = http.get("/api/v1/predictions?limit=500").json().get("items");
        return java.util.stream.StreamSupport.stream(items.spliterator(), false)
                .filter(item -> fileName.equals(item.get("file").asText())).count();
    }

    /** Chooses a file and waits for its prediction. */
    private void predict(Path file) {
        upload(file);
        waitFor(d -> !text("result-emotion").isEmpty() ? true : null);
    }

    private void waitForPlots() {
        waitFor(d -> js("return document.getElementById('axis-end').textContent").toString().endsWith(" s")
                && text("plots-status").isEmpty() ? true : null);
    }

    /** Share of the canvas's pixels that are not fully transparent. */
    private double paintedShare(String canvasId) {
        return ((Number) js("const c = document.getElementById(arguments[0]);"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;"
                + "return n / (c.width * c.height);", canvasId)).doubleValue();
    }

    private double playheadFraction() {
        return playheadFraction("waveform-box");
    }

    /** Where the playhead inside the box sits, as a fraction of the box's width. */
    private double playheadFraction(String boxId) {
        return ((Number) js("const box = document.getElementById(arguments[0]);"
                + "const head = box.querySelector('.playhead');"
                + "return (head.getBoundingClientRect().left - box.getBoundingClientRect().left)"
                + " / box.getBoundingClientRect().width;", boxId)).doubleValue();
    }

    private double playerTime() {
        return ((Number) js("return document.getElementById('player').currentTime")).doubleValue();
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText().strip();
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private <T> T waitFor(java.util.function.Function<org.openqa.selenium.WebDriver, T> condition) {
        return new WebDriverWait(browser, WAIT, Duration.ofMillis(100)).until(condition);
    }

    private void screenshot(String name) {
        try {
            Files.write(screenshots.resolve("web-" + name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static float[] concat(float[]... parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] out = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
