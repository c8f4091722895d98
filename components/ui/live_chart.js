// The live plotly chart (components/ui/live_chart.py): Plotly.newPlot at first mount, Plotly.react on every
// later update, so layout.uirevision keeps the reader's zoom, pan and hidden legend entries.
// Streamlit calls the default export again, with the same parentElement, whenever `data` changes.
// Served from static/ and imported once per tab by the component's inline JS (live_chart_loader.js), which hands
// every call to this module's default export: the charts' state below lives as long as the tab.

// parentElement -> one chart's state
const charts = new WeakMap();
// The most a chart grows to keep its text apart.
const MAX_EXTRA_PX = 400;
const nextFrames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

// plotly.js from /app/static/, loaded once for the browser tab: every chart waits on the same promise.
function loadPlotly(src) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!window.__neaPlotlyLoading) {
    window.__neaPlotlyLoading = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.async = true;
      script.dataset.neaPlotly = "1";
      script.onload = () => (window.Plotly ? resolve(window.Plotly) : reject(new Error("no Plotly")));
      script.onerror = () => {
        // A later update may try again.
        window.__neaPlotlyLoading = null;
        script.remove();
        reject(new Error("plotly.js did not load from " + src));
      };
      document.head.appendChild(script);
    });
  }
  return window.__neaPlotlyLoading;
}

function newChart(parentElement) {
  const root = document.createElement("div");
  root.className = "nea-live-chart";
  root.setAttribute("data-testid", "neaLiveChart");
  root.setAttribute("role", "figure");
  const plot = document.createElement("div");
  plot.className = "nea-live-chart-plot";
  const message = document.createElement("p");
  message.className = "nea-live-chart-message";
  message.setAttribute("role", "status");
  message.hidden = true;
  root.append(plot, message);
  // The loader's failure message, if an earlier attempt to load this module failed.
  parentElement.querySelector(":scope > .nea-live-chart")?.remove();
  parentElement.appendChild(root);
  const state = {
    root, plot, message, drawn: false, busy: false, pending: null, latest: null, config: null,
    fit: { top: 0, height: 0 }, fitWidth: null,
  };
  // Follow the container's width (a sidebar folding, a column resizing), not only the window's: drawn again
  // at the new width, with room for the text measured afresh.
  state.observer = new ResizeObserver(() => {
    if (state.drawn && state.latest && root.clientWidth !== state.fitWidth) update(state, state.latest);
  });
  state.observer.observe(root);
  charts.set(parentElement, state);
  return state;
}

// The config never changes after the first drawing (Plotly.react redraws from nothing when it does): the
// camera button reads the current file name from `state.latest` when clicked.
function chartConfig(Plotly, state, data) {
  const camera = {
    name: "toImage",
    title: data.camera_title,
    icon: Plotly.Icons.camera,
    click: (gd) => {
      const latest = state.latest || data;
      Plotly.downloadImage(gd, { format: "png", scale: latest.png_scale, filename: latest.file_name });
    },
  };
  return {
    displaylogo: false,
    responsive: true,
    modeBarButtonsToRemove: ["toImage"],
    modeBarButtonsToAdd: [camera],
  };
}

function listenForClicks(state) {
  state.plot.on("plotly_click", (event) => {
    if (!state.latest || !state.latest.clicks) return;
    const points = (event.points || []).map((p) => ({
      curve_number: p.curveNumber,
      point_index: p.pointIndex,
      point_number: p.pointNumber,
      x: p.x,
      y: p.y,
      customdata: p.customdata,
    }));
    state.setTriggerValue("selection", { points });
  });
}

// Room the chart's text needs beyond what the figure planned, measured after a drawing: in a narrow window
// plotly wraps a legend into more rows and takes them from the plot, and a legend above the plot grows up
// into the title. Returns the extra top margin and height that keep the plot's planned size and the legend
// clear of the title (0, 0 when nothing needs to move).
function extraRoom(gd, figure, fit) {
  const size = gd._fullLayout._size;
  const margin = figure.layout.margin || {};
  const top = margin.t ?? 100;
  const planned = (figure.layout.height || 450) - top - (margin.b ?? 80);
  const title = gd.querySelector(".infolayer .gtitle");
  const subtitle = gd.querySelector(".infolayer .gtitle-subtitle");
  const legend = gd.querySelector(".infolayer .legend");
  let overlap = 0;
  if (legend && (title || subtitle)) {
    const textBottom = Math.max(...[title, subtitle].filter(Boolean).map((e) => e.getBoundingClientRect().bottom));
    const legendBox = legend.getBoundingClientRect();
    const plotTop = gd.getBoundingClientRect().top + size.t;
    if (legendBox.bottom <= plotTop + 1 && legendBox.top < textBottom + 4) {
      overlap = Math.ceil(textBottom + 4 - legendBox.top);
    }
  }
  // plotly may have widened the top margin for the legend already: the new one is measured from that.
  const more = overlap ? Math.max(0, Math.round(size.t + overlap - (top + fit.top))) : 0;
  // From the margins plotly settled on, not from its plot size, which can lag a margin it is still widening.
  const current = (figure.layout.height || 450) + fit.height;
  const lost = Math.max(0, Math.round(planned + size.t + size.b - current));
  return { top: more, height: Math.min(lost + more, MAX_EXTRA_PX - fit.height) };
}

function withRoom(figure, fit) {
  if (!fit.top && !fit.height) return figure;
  const layout = { ...figure.layout, height: (figure.layout.height || 450) + fit.height };
  const margin = layout.margin || {};
  layout.margin = { ...margin, t: (margin.t ?? 100) + fit.top };
  return { data: figure.data, layout };
}

async function draw(state, data) {
  const Plotly = await loadPlotly(data.plotly_src);
  // A fresh copy each drawing, as plotly may change what it is given: `data` is drawn again when the width changes.
  const figure = structuredClone(data.figure);
  figure.layout = figure.layout || {};
  figure.layout.height = data.height;
  state.root.setAttribute("aria-label", data.alt);
  // The room found at this width before is given at once, so a slider move draws once.
  const width = state.root.clientWidth;
  if (state.fitWidth !== width) state.fit = { top: 0, height: 0 };
  state.fitWidth = width;
  let shown = withRoom(figure, state.fit);
  state.plot.style.height = shown.layout.height + "px";
  if (!state.drawn) {
    state.config = chartConfig(Plotly, state, data);
    await Plotly.newPlot(state.plot, shown.data, shown.layout, state.config);
    state.drawn = true;
    listenForClicks(state);
  } else {
    await Plotly.react(state.plot, shown.data, shown.layout, state.config);
  }
  for (let attempt = 0; attempt < 3; attempt += 1) {
    // plotly widens a margin for its legend in a drawing of its own.
    await nextFrames();
    // The reader left the page mid-drawing: the chart is gone, and so is plotly's layout.
    if (!state.plot.isConnected || !state.plot._fullLayout) return;
    const more = extraRoom(state.plot, figure, state.fit);
    if (!more.top && !more.height) break;
    state.fit = { top: state.fit.top + more.top, height: state.fit.height + more.height };
    shown = withRoom(figure, state.fit);
    state.plot.style.height = shown.layout.height + "px";
    await Plotly.relayout(state.plot, { height: shown.layout.height, "margin.t": shown.layout.margin.t });
  }
  state.plot.dataset.revision = String(data.revision);
  state.message.hidden = true;
  state.plot.hidden = false;
}

// Draw `data`; while a drawing runs, only the newest update waits, so fast slider moves do not queue.
async function update(state, data) {
  state.latest = data;
  if (state.busy) {
    state.pending = data;
    return;
  }
  state.busy = true;
  let next = data;
  while (next) {
    state.pending = null;
    try {
      await draw(state, next);
    } catch (error) {
      console.error("live chart:", error);
      showFailure(state, next.failed_text);
    }
    next = state.pending;
  }
  state.busy = false;
}

// The payload comes as zlib-compressed UTF-8 JSON (live_chart.encode): a figure repeats its hover fields mark by
// mark, so it shrinks to about a quarter.
async function readPayload(raw) {
  if (!(raw instanceof Uint8Array)) return raw;
  const stream = new Blob([raw]).stream().pipeThrough(new DecompressionStream("deflate"));
  return JSON.parse(await new Response(stream).text());
}

function showFailure(state, text) {
  state.message.textContent = text;
  state.message.hidden = false;
  state.plot.hidden = true;
}

export default function (component) {
  const { parentElement, setTriggerValue } = component;
  const state = charts.get(parentElement) || newChart(parentElement);
  state.setTriggerValue = setTriggerValue;
  // Opened one after another but possibly finished out of order: only the newest payload is drawn.
  const received = (state.received = (state.received || 0) + 1);
  readPayload(component.data).then(
    (data) => received === state.received && update(state, data),
    (error) => {
      console.error("live chart:", error);
      // The words of the message come in a payload: without one read before, the console says it.
      if (received === state.received && state.latest) showFailure(state, state.latest.failed_text);
    },
  );
  // Streamlit also calls this clean-up when an update overtook the one that returned it: free the chart only
  // once its element has really left the page.
  return () => {
    setTimeout(() => {
      if (parentElement.isConnected || charts.get(parentElement) !== state) return;
      state.observer.disconnect();
      if (window.Plotly && state.drawn) window.Plotly.purge(state.plot);
      charts.delete(parentElement);
    }, 0);
  };
}
