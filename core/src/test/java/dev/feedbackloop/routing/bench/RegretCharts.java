package dev.feedbackloop.routing.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The simulation's charts (JFreeChart, PNG): cumulative expected regret and a moving success rate. */
final class RegretCharts {
    private static final int WINDOW = 250;
    private static final Color[] COLORS = {new Color(0x2b8a3e), new Color(0x868e96), new Color(0xf08c00),
        new Color(0x1c7ed6)};

    private RegretCharts() {
    }

    static void write(List<RouterSimulation.Run> runs, Path regretPng, Path successPng) throws IOException {
        int rounds = runs.get(0).expected().get("oracle").length;
        XYSeriesCollection regret = new XYSeriesCollection();
        XYSeriesCollection success = new XYSeriesCollection();
        for (String p : RouterSimulation.POLICIES) {
            XYSeries r = new XYSeries(label(p));
            XYSeries s = new XYSeries(label(p));
            double cumulative = 0;
            double[] perRound = new double[rounds];
            for (int t = 0; t < rounds; t++) {
                double expected = 0;
                double best = 0;
                for (RouterSimulation.Run run : runs) {
                    expected += run.expected().get(p)[t];
                    best += run.expected().get("oracle")[t];
                }
                perRound[t] = expected / runs.size();
                cumulative += (best - expected) / runs.size();
                if (t % 10 == 9 || t == rounds - 1) {
                    r.add(t + 1, cumulative);
                }
                if (t >= WINDOW - 1 && (t % 10 == 9 || t == rounds - 1)) {
                    s.add(t + 1, SimulationReport.mean(perRound, t - WINDOW + 1, t + 1));
                }
            }
            regret.addSeries(r);
            success.addSeries(s);
        }
        String runsText = runs.size() == 1 ? "1 run" : "mean of " + runs.size() + " runs";
        save(ChartFactory.createXYLineChart("Cumulative regret against the oracle (" + runsText + ")", "round",
                "expected successes lost", regret, PlotOrientation.VERTICAL, true, false, false), regretPng);
        save(ChartFactory.createXYLineChart("Expected success rate, moving window of " + WINDOW + " rounds ("
                + runsText + ")", "round", "success rate", success, PlotOrientation.VERTICAL, true, false, false),
                successPng);
    }

    private static String label(String policy) {
        switch (policy) {
            case "oracle":
                return "oracle (best framework per type)";
            case "static":
                return "static rules";
            case "baseline":
                return "specification's confidence nudge (dashed: same choices as static)";
            default:
                return "ours (Thompson sampling on feedback)";
        }
    }

    private static void save(JFreeChart chart, Path png) throws IOException {
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdee2e6));
        plot.setRangeGridlinePaint(new Color(0xdee2e6));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < COLORS.length; i++) {
            renderer.setSeriesPaint(i, COLORS[i]);
            renderer.setSeriesStroke(i, i == 2
                    ? new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 6f}, 0f)
                    : new BasicStroke(2.5f));
        }
        plot.setRenderer(renderer);
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 1000, 560);
    }
}
