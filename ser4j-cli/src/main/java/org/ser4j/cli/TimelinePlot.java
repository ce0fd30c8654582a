package org.ser4j.cli;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.ser4j.audio.AudioReader;
import org.ser4j.audio.AudioStream;
import org.ser4j.models.Prediction;

/**
 * The picture of a timeline ({@code predict --segments --plot FILE.png|svg}): the waveform's envelope above, each
 * segment in its emotion's colour below (stretches without speech light grey), a time axis and a legend. Drawn once
 * with Graphics2D, into a PNG or through VectorGraphics2D into an SVG. The colours are the web page's.
 */
final class TimelinePlot {
    static final int WIDTH = 1200;
    static final int HEIGHT = 270;
    private static final int LEFT = 20;
    private static final int RIGHT = WIDTH - 20;
    private static final int WAVE_TOP = 34;
    private static final int WAVE_BOTTOM = 144;
    private static final int BAR_TOP = 156;
    private static final int BAR_BOTTOM = 196;
    static final Color NO_SPEECH = Color.decode("#e5e7eb");
    private static final Map<String, String> COLOURS = Map.ofEntries(Map.entry("neutral", "#b8bfca"),
            Map.entry("calm", "#86d5cb"), Map.entry("happy", "#ffd166"), Map.entry("sad", "#9dbcff"),
            Map.entry("angry", "#ff8f85"), Map.entry("fearful", "#c9b0ff"), Map.entry("disgust", "#a8d8aa"),
            Map.entry("surprised", "#ffb8dc"), Map.entry("boredom", "#d9c7a7"));
    private static final String[] FALLBACK = {"#f4b183", "#b4d7a8", "#a4c2f4", "#d5a6bd", "#ffe599", "#a2c4c9"};

    /** The waveform's lowest and highest sample in each of the plot's columns. */
    record Envelope(float[] min, float[] max) {
    }

    private TimelinePlot() {
    }

    /** The envelope of {@code file} over {@code durationS}, read as a stream (bounded memory for any length). */
    static Envelope envelope(Path file, int rate, double durationS) {
        int columns = RIGHT - LEFT;
        float[] min = new float[columns];
        float[] max = new float[columns];
        double samplesPerColumn = Math.max(1, durationS * rate / columns);
        long i = 0;
        try (AudioStream stream = AudioReader.stream(file, rate, rate)) {
            for (float[] block = stream.nextBlock(); block != null; block = stream.nextBlock()) {
                for (float v : block) {
                    int c = (int) Math.min(columns - 1, i++ / samplesPerColumn);
                    min[c] = Math.min(min[c], v);
                    max[c] = Math.max(max[c], v);
                }
            }
        }
        return new Envelope(min, max);
    }

    /** The colour of {@code emotion} among {@code classes}. */
    static Color colourOf(String emotion, List<String> classes) {
        String known = COLOURS.get(emotion);
        return Color.decode(known != null ? known : FALLBACK[Math.max(0, classes.indexOf(emotion)) % FALLBACK.length]);
    }

    /** Writes the picture of {@code p} (which has segments) to {@code out}, a .png or .svg file. */
    static void write(Path out, Prediction p, Envelope envelope, List<String> classes) throws IOException {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            draw(g, p, envelope, classes);
            g.dispose();
            ImageIO.write(image, "png", out.toFile());
        } else if (name.endsWith(".svg")) {
            VectorGraphics2D g = new VectorGraphics2D();
            draw(g, p, envelope, classes);
            Document svg = new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, WIDTH, HEIGHT));
            try (OutputStream o = Files.newOutputStream(out)) {
                svg.writeTo(o);
            }
        } else {
            throw new IllegalArgumentException("--plot writes a .png or .svg file, not " + out.getFileName());
        }
    }

    private static void draw(Graphics2D g, Prediction p, Envelope envelope, List<String> classes) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.decode("#111827"));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        String answer = p.speech() ? String.format(Locale.ROOT, "%s %.0f %%", p.emotion(), 100 * p.confidence())
                : "no speech";
        g.drawString(Path.of(p.file()).getFileName() + " · " + String.format(Locale.ROOT, "%.1f s", p.durationS())
                + " · " + answer, LEFT, 20);
        // envelope
        double mid = (WAVE_TOP + WAVE_BOTTOM) / 2.0;
        double half = (WAVE_BOTTOM - WAVE_TOP) / 2.0;
        g.setColor(Color.decode("#3b5bdb"));
        g.setStroke(new BasicStroke(1f));
        for (int c = 0; c < envelope.min().length; c++) {
            int x = LEFT + c;
            g.drawLine(x, (int) Math.round(mid - half * envelope.max()[c]), x,
                    (int) Math.round(mid - half * envelope.min()[c]));
        }
        // segments
        double scale = (RIGHT - LEFT) / Math.max(1e-9, p.durationS());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        List<String> shown = new ArrayList<>();
        for (Prediction.Segment s : p.segments()) {
            int x0 = LEFT + (int) Math.round(s.startS() * scale);
            int x1 = Math.max(x0 + 1, LEFT + (int) Math.round(s.endS() * scale));
            g.setColor(s.speech() ? colourOf(s.emotion(), classes) : NO_SPEECH);
            g.fillRect(x0, BAR_TOP, x1 - x0, BAR_BOTTOM - BAR_TOP);
            if (s.speech()) {
                if (!shown.contains(s.emotion())) {
                    shown.add(s.emotion());
                }
                if (x1 - x0 > 60) {
                    g.setColor(Color.decode("#111827"));
                    g.drawString(s.emotion(), x0 + 4, BAR_BOTTOM - 14);
                }
            }
        }
        // time axis: about ten ticks on a round step
        g.setColor(Color.decode("#4b5563"));
        double step = niceStep(p.durationS() / 10);
        for (double t = 0; t <= p.durationS() + 1e-9; t += step) {
            int x = LEFT + (int) Math.round(t * scale);
            g.drawLine(x, BAR_BOTTOM + 2, x, BAR_BOTTOM + 6);
            g.drawString(timeLabel(t, step), x + 2, BAR_BOTTOM + 20);
        }
        // legend: the emotions on the timeline, then "no speech"
        int x = LEFT;
        int y = HEIGHT - 22;
        for (String e : shown) {
            x = legendEntry(g, x, y, colourOf(e, classes), e);
        }
        legendEntry(g, x, y, NO_SPEECH, "no speech");
    }

    private static int legendEntry(Graphics2D g, int x, int y, Color colour, String label) {
        g.setColor(colour);
        g.fillRect(x, y, 14, 14);
        g.setColor(Color.decode("#111827"));
        g.drawString(label, x + 18, y + 12);
        return x + 30 + g.getFontMetrics().stringWidth(label);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(Math.max(rough, 1e-3))));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= rough) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static String timeLabel(double t, double step) {
        if (step >= 60) {
            return String.format(Locale.ROOT, "%d:%02d", (long) t / 60, (long) t % 60);
        }
        return step >= 1 ? String.format(Locale.ROOT, "%.0f s", t) : String.format(Locale.ROOT, "%.1f s", t);
    }
}
