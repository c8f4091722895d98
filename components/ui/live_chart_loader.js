// The live chart's inline JS (components/ui/live_chart.py). Streamlit resends a component's inline JS with every
// rerun, for every chart, so this only loads the chart's code, components/ui/live_chart.js, from static/ at the
// URL the payload names (with the file's content hash), and hands every call to it. The browser imports that
// module once per tab, so its state (the charts on the page) lives across reruns.

let loading = null;

// The payload (zlib-compressed UTF-8 JSON, live_chart.encode), read here only for the module's URL at the first
// call and for the failure message.
const read = (raw) =>
  new Response(new Blob([raw]).stream().pipeThrough(new DecompressionStream("deflate"))).json();

// What live_chart.js shows when a drawing fails: a plain message; the table below holds the figures.
function fail(parent, data) {
  if (parent.querySelector(":scope > .nea-live-chart")) return;
  const root = document.createElement("div");
  root.className = "nea-live-chart";
  root.dataset.testid = "neaLiveChart";
  root.setAttribute("role", "figure");
  root.setAttribute("aria-label", data.alt);
  root.innerHTML = '<p class="nea-live-chart-message" role="status"></p>';
  root.firstChild.textContent = data.failed_text;
  parent.append(root);
}

export default async function (component) {
  // An inline module has a blob: URL, against which a path does not resolve: the page's address does.
  loading ??= read(component.data).then((data) => import(new URL(data.module_src, document.baseURI).href));
  let chart;
  try {
    chart = await loading;
  } catch (error) {
    // A later rerun tries again.
    loading = null;
    console.error("live chart:", error);
    await read(component.data).then((data) => fail(component.parentElement, data), () => {});
    return undefined;
  }
  return chart.default(component);
}
