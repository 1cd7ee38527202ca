package dev.feedbackloop.reporting;

import dev.feedbackloop.analysis.Figures;
import dev.feedbackloop.analysis.GroupPerformance;
import dev.feedbackloop.reporting.ImprovementReport.DailyPoint;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.text.NumberFormat;
import java.text.SimpleDateFormat;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.IntervalBarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.category.DefaultIntervalCategoryDataset;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.svg.SVGGraphics2D;

/**
 * The report's charts as inline SVG (JFreeChart drawn on JFreeSVG), so an HTML report needs no
 * script and no network. Runs headless. Thread-safe (no shared state).
 */
final class ReportCharts {
    static final int WIDTH = 760;
    static final int MAX_GROUPS = 25;
    private static final Color RATE = new Color(0x1f, 0x6f, 0xb5);
    private static final Color BAND = new Color(0x1f, 0x6f, 0xb5, 0x40);
    private static final Color OVERALL = new Color(0xc0, 0x39, 0x2b);

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private ReportCharts() {
    }

    /** Success rate per day with its 95% Wilson band. */
    static String daily(List<DailyPoint> days, ZoneId zone, String id) {
        YIntervalSeries series = new YIntervalSeries("success rate");
        for (DailyPoint d : days) {
            long x = d.date().atTime(12, 0).atZone(zone).toInstant().toEpochMilli();
            series.add(x, d.successRate(), d.ci().low(), d.ci().high());
        }
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        data.addSeries(series);
        DeviationRenderer renderer = new DeviationRenderer(true, true);
        DateAxis time = new DateAxis("day");
        SimpleDateFormat dayFormat = new SimpleDateFormat("MMM d", Locale.ROOT);
        dayFormat.setTimeZone(TimeZone.getTimeZone(zone));
        time.setDateFormatOverride(dayFormat);
        time.setTimeZone(TimeZone.getTimeZone(zone));
        XYPlot plot = new XYPlot(data, time, percentAxis("success rate (95% interval)"), renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = chart("Daily success rate", plot, false);
        renderer.setSeriesPaint(0, RATE);
        renderer.setSeriesFillPaint(0, RATE);
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        renderer.setAlpha(0.2f);
        return svg(chart, WIDTH, 320, id);
    }

    /** Success rate of each group as a dot on its 95% interval bar (the theme is applied before the colours), best first, with the overall rate as a line. */
    static String groups(String title, Map<String, GroupPerformance> groups, double overall, String id) {
        List<Map.Entry<String, GroupPerformance>> shown = new ArrayList<>(groups.entrySet());
        shown.sort(Comparator.comparingLong((Map.Entry<String, GroupPerformance> e) -> -e.getValue().count()));
        shown = new ArrayList<>(shown.subList(0, Math.min(MAX_GROUPS, shown.size())));
        shown.sort(Comparator.comparingDouble((Map.Entry<String, GroupPerformance> e) -> -e.getValue().successRate()));
        int n = shown.size();
        if (n < groups.size()) {
            title = title + " (the " + n + " largest of " + groups.size() + ")";
        }
        String[] categories = new String[n];
        Number[][] lows = new Number[1][n];
        Number[][] highs = new Number[1][n];
        DefaultCategoryDataset rates = new DefaultCategoryDataset();
        for (int i = 0; i < n; i++) {
            GroupPerformance g = shown.get(i).getValue();
            categories[i] = shown.get(i).getKey() + " (n=" + Figures.count(g.count()) + (g.enoughData() ? ")" : ", few)");
            lows[0][i] = g.ci().low();
            highs[0][i] = g.ci().high();
            rates.addValue(g.successRate(), "success rate", categories[i]);
        }
        DefaultIntervalCategoryDataset intervals = new DefaultIntervalCategoryDataset(
                new String[] {"95% interval"}, categories, lows, highs);
        IntervalBarRenderer bars = new IntervalBarRenderer();
        LineAndShapeRenderer dots = new LineAndShapeRenderer(false, true);
        CategoryPlot plot = new CategoryPlot(intervals, new CategoryAxis(null), percentAxis("success rate"), bars);
        plot.setDataset(1, rates);
        plot.setRenderer(1, dots);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        ValueMarker marker = new ValueMarker(overall, OVERALL, new BasicStroke(1.5f));
        marker.setLabel("overall " + Figures.pct(overall));
        marker.setLabelFont(new Font("SansSerif", Font.PLAIN, 11));
        marker.setLabelPaint(OVERALL);
        marker.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
        marker.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        plot.addRangeMarker(marker);
        JFreeChart chart = chart(title, plot, true);
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, BAND);
        bars.setMaximumBarWidth(0.5);
        dots.setSeriesPaint(0, RATE);
        return svg(chart, WIDTH, 90 + 24 * Math.max(1, n), id);
    }

    private static NumberAxis percentAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setRange(0.0, 1.0);
        axis.setNumberFormatOverride(NumberFormat.getPercentInstance(Locale.ROOT));
        return axis;
    }

    private static JFreeChart chart(String title, org.jfree.chart.plot.Plot plot, boolean legend) {
        JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 15), plot, legend);
        StandardChartTheme theme = new StandardChartTheme("report");
        theme.setExtraLargeFont(new Font("SansSerif", Font.BOLD, 15));
        theme.setLargeFont(new Font("SansSerif", Font.BOLD, 13));
        theme.setRegularFont(new Font("SansSerif", Font.PLAIN, 12));
        theme.setSmallFont(new Font("SansSerif", Font.PLAIN, 10));
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setShadowVisible(false);
        theme.setBarPainter(new StandardBarPainter());
        theme.apply(chart);
        return chart;
    }

    private static String svg(JFreeChart chart, int width, int height, String id) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        g.setDefsKeyPrefix(id + "-");
        chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        return g.getSVGElement(id);
    }
}
