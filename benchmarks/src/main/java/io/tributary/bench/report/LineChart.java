package io.tributary.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import javax.imageio.ImageIO;

/**
 * A small line chart drawn with java.awt into a PNG (works headless): one or more series over a
 * shared x axis, linear y from zero, x linear or with custom tick labels. Enough for throughput over
 * time and latency by percentile; no chart library needed.
 */
public final class LineChart {

  private static final int WIDTH = 900;
  private static final int HEIGHT = 460;
  private static final int LEFT = 90;
  private static final int RIGHT = 30;
  private static final int TOP = 50;
  private static final int BOTTOM = 60;
  private static final Color[] COLORS = {
      new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd)};

  private record Series(String name, double[] x, double[] y) {}

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Series> series = new ArrayList<>();
  private double[] xTicks;
  private DoubleFunction<String> xTickLabel = v -> format(v);

  public LineChart(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  public LineChart series(String name, double[] x, double[] y) {
    series.add(new Series(name, x, y));
    return this;
  }

  /** Fixed x ticks with their own labels (e.g. percentiles on a log scale). */
  public LineChart xTicks(double[] ticks, DoubleFunction<String> label) {
    this.xTicks = ticks;
    this.xTickLabel = label;
    return this;
  }

  public void write(Path file) throws IOException {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      draw(g);
    } finally {
      g.dispose();
    }
    ImageIO.write(image, "png", file.toFile());
  }

  private void draw(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    double minX = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double maxY = 0;
    for (Series s : series) {
      for (int i = 0; i < s.x.length; i++) {
        if (Double.isFinite(s.y[i])) {
          minX = Math.min(minX, s.x[i]);
          maxX = Math.max(maxX, s.x[i]);
          maxY = Math.max(maxY, s.y[i]);
        }
      }
    }
    if (minX > maxX) {
      minX = 0;
      maxX = 1;
    }
    if (maxX == minX) {
      maxX = minX + 1;
    }
    maxY = maxY <= 0 ? 1 : niceCeiling(maxY);
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.setColor(Color.BLACK);
    g.drawString(title, LEFT, 28);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int i = 0; i <= 5; i++) {
      double v = maxY * i / 5;
      int y = TOP + plotH - (int) (plotH * i / 5.0);
      g.setColor(new Color(0xe6e6e6));
      g.drawLine(LEFT, y, LEFT + plotW, y);
      g.setColor(Color.DARK_GRAY);
      String label = format(v);
      g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 4);
    }
    double[] ticks = xTicks != null ? xTicks : linearTicks(minX, maxX);
    for (double t : ticks) {
      int x = LEFT + (int) (plotW * (t - minX) / (maxX - minX));
      if (x < LEFT || x > LEFT + plotW) {
        continue;
      }
      g.setColor(new Color(0xf0f0f0));
      g.drawLine(x, TOP, x, TOP + plotH);
      g.setColor(Color.DARK_GRAY);
      String label = xTickLabel.apply(t);
      g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, TOP + plotH + 18);
    }
    g.setColor(Color.BLACK);
    g.drawRect(LEFT, TOP, plotW, plotH);
    g.drawString(xLabel, LEFT + plotW / 2 - g.getFontMetrics().stringWidth(xLabel) / 2, HEIGHT - 18);
    g.rotate(-Math.PI / 2);
    g.drawString(yLabel, -(TOP + plotH / 2 + g.getFontMetrics().stringWidth(yLabel) / 2), 20);
    g.rotate(Math.PI / 2);
    g.setStroke(new BasicStroke(2f));
    for (int k = 0; k < series.size(); k++) {
      Series s = series.get(k);
      g.setColor(COLORS[k % COLORS.length]);
      int px = -1;
      int py = -1;
      for (int i = 0; i < s.x.length; i++) {
        if (!Double.isFinite(s.y[i])) {
          px = -1;
          continue;
        }
        int x = LEFT + (int) (plotW * (s.x[i] - minX) / (maxX - minX));
        int y = TOP + plotH - (int) (plotH * s.y[i] / maxY);
        if (px >= 0) {
          g.drawLine(px, py, x, y);
        } else if (s.x.length == 1) {
          g.fillOval(x - 3, y - 3, 6, 6);
        }
        px = x;
        py = y;
      }
      g.fillRect(LEFT + 12, TOP + 10 + k * 18, 14, 4);
      g.drawString(s.name, LEFT + 32, TOP + 16 + k * 18);
    }
  }

  private static double[] linearTicks(double min, double max) {
    double step = niceCeiling((max - min) / 8);
    List<Double> ticks = new ArrayList<>();
    for (double t = Math.ceil(min / step) * step; t <= max + 1e-9; t += step) {
      ticks.add(t);
    }
    return ticks.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The smallest round multiple (1, 1.5, 2, 2.5 ... 8) of a power of ten not below {@code v}. */
  private static double niceCeiling(double v) {
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
      if (m * p >= v) {
        return m * p;
      }
    }
    return 10 * p;
  }

  static String format(double v) {
    if (v >= 1_000_000) {
      return trim(v / 1_000_000) + "M";
    }
    if (v >= 10_000) {
      return trim(v / 1_000) + "k";
    }
    return trim(v);
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? String.format("%.0f", v) : String.format("%.2f", v).replaceAll("0+$", "");
  }
}
