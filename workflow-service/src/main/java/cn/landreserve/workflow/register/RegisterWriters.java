package cn.landreserve.workflow.register;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/** Streams the register as CSV (RFC 4180, UTF-8 with a byte-order mark for spreadsheet programs) or XLSX. */
final class RegisterWriters {

    private RegisterWriters() {}

    /** Receives the totals first, then the rows; {@link #finish()} writes the totals row and closes the document. */
    interface Sink {
        void totals(ReserveQueries.Totals totals);

        void row(RegisterRow row);

        void finish();
    }

    static Sink csv(RegisterSheet sheet, OutputStream out) {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        return new Sink() {
            private ReserveQueries.Totals totals;

            {
                write("\uFEFF");
                line(List.copyOf(sheet.header()));
            }

            @Override
            public void totals(ReserveQueries.Totals t) {
                totals = t;
            }

            @Override
            public void row(RegisterRow row) {
                line(sheet.cells(row));
            }

            @Override
            public void finish() {
                line(sheet.totals(totals));
                try {
                    w.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            private void line(List<?> cells) {
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < cells.size(); i++) {
                    if (i > 0) {
                        b.append(',');
                    }
                    b.append(csvCell(RegisterSheet.text(cells.get(i))));
                }
                write(b.append("\r\n").toString());
            }

            private void write(String s) {
                try {
                    w.write(s);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    /**
     * One CSV field: quoted when it holds a comma, quote or line break; text that a spreadsheet would run as a
     * formula (starting with = + - @ or a tab/carriage return) is prefixed with an apostrophe (CSV injection).
     */
    static String csvCell(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !isNumber(v)) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            v = '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    private static boolean isNumber(String v) {
        try {
            new BigDecimal(v);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static Sink xlsx(RegisterSheet sheet, OutputStream out, String title) {
        Workbook workbook = new Workbook(out, "land-reserve-evidence", "1.0");
        Worksheet ws = workbook.newWorksheet(title);
        return new Sink() {
            private ReserveQueries.Totals totals;
            private int row;

            {
                List<String> header = sheet.header();
                for (int c = 0; c < header.size(); c++) {
                    ws.value(0, c, header.get(c));
                    ws.style(0, c).bold().set();
                }
                ws.freezePane(2, 1);
                row = 1;
            }

            @Override
            public void totals(ReserveQueries.Totals t) {
                totals = t;
            }

            @Override
            public void row(RegisterRow r) {
                put(sheet.cells(r));
            }

            @Override
            public void finish() {
                int at = row;
                put(sheet.totals(totals));
                ws.range(at, 0, at, 3).style().bold().set();
                try {
                    workbook.finish();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            private void put(List<Object> cells) {
                for (int c = 0; c < cells.size(); c++) {
                    Object v = cells.get(c);
                    if (v instanceof String s) {
                        ws.value(row, c, s);
                    } else if (v instanceof BigDecimal d) {
                        ws.value(row, c, d);
                        ws.style(row, c).format("#,##0.00").set();
                    } else if (v instanceof Long n) {
                        ws.value(row, c, n);
                    } else if (v instanceof LocalDate d) {
                        ws.value(row, c, d);
                        ws.style(row, c).format("yyyy-mm-dd").set();
                    }
                }
                row++;
                if (row % 512 == 0) {
                    try {
                        ws.flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        };
    }
}
