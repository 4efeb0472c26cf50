package dev.promptevo.cli;

import dev.promptevo.engine.evolution.GenerationReport;
import dev.promptevo.engine.evolution.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on a terminal stream: the generation, its evaluations and the best
 * composite so far. Redrawn at most every 100 ms, since evaluations of a simulated backend finish
 * far faster than a terminal can repaint.
 */
final class ProgressBar implements ProgressListener {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter out;
    private final int generations;
    private final boolean interactive;
    private volatile int generation;
    private volatile double best = Double.NaN;
    private long lastDraw;

    ProgressBar(PrintWriter out, int generations, boolean interactive) {
        this.out = out;
        this.generations = generations;
        this.interactive = interactive;
    }

    @Override
    public void onGenerationStart(int index, int planned) {
        generation = index;
        draw(0, planned, true);
    }

    @Override
    public void onEvaluation(int index, int done, int planned) {
        draw(done, planned, done == planned);
    }

    @Override
    public void onGeneration(GenerationReport report) {
        best = report.bestComposite();
        String line = String.format(
                Locale.ROOT,
                "generation %2d/%d  best %.4f  median %.4f  %5d evaluations  %7d calls  $%.4f",
                report.index() + 1,
                generations,
                report.bestComposite(),
                report.medianComposite(),
                report.evaluations(),
                report.spent().calls(),
                report.spent().costUsd());
        synchronized (this) {
            out.print(interactive ? "\r" + line + " ".repeat(12) + "\n" : line + "\n");
            out.flush();
        }
    }

    private synchronized void draw(int done, int planned, boolean force) {
        if (!interactive) {
            return;
        }
        long now = System.nanoTime();
        if (!force && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        int filled = planned == 0 ? WIDTH : (int) ((long) done * WIDTH / planned);
        String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
        out.printf(
                Locale.ROOT,
                "\rgeneration %2d/%d [%s] %5d/%-5d best %s",
                generation + 1,
                generations,
                bar,
                done,
                planned,
                Double.isNaN(best) ? "  -   " : String.format(Locale.ROOT, "%.4f", best));
        out.flush();
    }
}
