# bench.svg from summary.tsv (case, label, unit, ref, runtime, n, min, median, max, ratio):
# one panel per case with its own scale, a bar per runtime at the median, a whisker from min to
# max. usage: awk -F'\t' -v title=... -v subtitle=... -f chart.awk summary.tsv > bench.svg
# (subtitle: lines separated by "|")
function esc(s) {
	gsub(/&/, "\\&amp;", s)
	gsub(/</, "\\&lt;", s)
	gsub(/>/, "\\&gt;", s)
	return s
}
function emit(s) { out[++nout] = s }
function x(v) { return X0 + (v > 0 ? v : 0) / scale[cur] * BW }

BEGIN {
	X0 = 120; BW = 500; ROW = 18; W = 960
	color["berth"] = "#1f77b4"; color["runc"] = "#ff7f0e"; color["crun"] = "#2ca02c"
	color["berth-vm"] = "#9467bd"; color["qemu-floor"] = "#7f7f7f"; color["qemu"] = "#8c564b"
}
{ rows[NR] = $0; if ($9 + 0 > scale[$1]) scale[$1] = $9 + 0 }
END {
	nsub = split(subtitle, subs, "|")
	y = 40 + 16 * nsub
	for (i = 1; i <= NR; i++) {
		split(rows[i], f, "\t")
		cur = f[1]
		if (scale[cur] <= 0) scale[cur] = 1
		if (cur != last) {
			y += 14
			emit(sprintf("<text x=\"10\" y=\"%d\" class=\"case\">%s (%s)</text>", y, esc(f[2]), f[3]))
			y += 8
			last = cur
		}
		c = f[5] in color ? color[f[5]] : "#444444"
		emit(sprintf("<text x=\"%d\" y=\"%d\" class=\"rt\">%s</text>", X0 - 8, y + 12, f[5]))
		emit(sprintf("<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>",
			X0, y + 2, x(f[8]) - X0, ROW - 4, c))
		mid = y + ROW / 2
		emit(sprintf("<path d=\"M%.1f %d H%.1f M%.1f %d V%d M%.1f %d V%d\" class=\"w\"/>",
			x(f[7]), mid, x(f[9]), x(f[7]), mid - 4, mid + 4, x(f[9]), mid - 4, mid + 4))
		ratio = f[10] == "-" ? "" : sprintf(", ratio %s", f[10])
		emit(sprintf("<text x=\"%d\" y=\"%d\" class=\"v\">%s %s [%s - %s]%s</text>",
			X0 + BW + 12, y + 12, f[8], f[3], f[7], f[9], ratio))
		y += ROW
	}
	y += 20
	printf "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" " \
		"viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">\n", W, y, W, y
	print "<style>.case{font-weight:bold}.rt{text-anchor:end}.v{fill:#333}" \
		".w{stroke:#000;stroke-width:1.2;fill:none}</style>"
	printf "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", W, y
	printf "<text x=\"10\" y=\"22\" font-size=\"16\" font-weight=\"bold\">%s</text>\n", esc(title)
	for (i = 1; i <= nsub; i++)
		printf "<text x=\"10\" y=\"%d\" fill=\"#555\">%s</text>\n", 26 + 16 * i, esc(subs[i])
	for (i = 1; i <= nout; i++)
		print out[i]
	print "</svg>"
}
