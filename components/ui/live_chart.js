// The live plotly chart (components/ui/live_chart.py): Plotly.newPlot at first mount, Plotly.react on every
// later update, so layout.uirevision keeps the reader's zoom, pan and hidden legend entries.
// Streamlit calls the default export again, with the same parentElement, whenever `data` changes.

const charts = new WeakMap(); // parentElement -> one chart's state

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
        window.__neaPlotlyLoading = null; // a later update may try again
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
  parentElement.appendChild(root);
  const state = { root, plot, message, drawn: false, busy: false, pending: null, latest: null, config: null };
  // Follow the container's width (a sidebar folding, a column resizing), not only the window's.
  state.observer = new ResizeObserver(() => {
    if (state.drawn && window.Plotly) window.Plotly.Plots.resize(plot).catch(() => {});
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

function listenForClicks(state, setTriggerValue) {
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
    setTriggerValue("selection", { points });
  });
}

async function draw(state, data, setTriggerValue) {
  const Plotly = await loadPlotly(data.plotly_src);
  const figure = JSON.parse(data.figure);
  state.root.setAttribute("aria-label", data.alt);
  state.plot.style.height = data.height + "px";
  if (!state.drawn) {
    state.config = chartConfig(Plotly, state, data);
    await Plotly.newPlot(state.plot, figure.data, figure.layout, state.config);
    state.drawn = true;
    listenForClicks(state, setTriggerValue);
  } else {
    await Plotly.react(state.plot, figure.data, figure.layout, state.config);
  }
  state.plot.dataset.revision = String(data.revision);
  state.message.hidden = true;
  state.plot.hidden = false;
}

// Draw `data`; while a drawing runs, only the newest update waits, so fast slider moves do not queue.
async function update(state, data, setTriggerValue) {
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
      await draw(state, next, setTriggerValue);
    } catch (error) {
      console.error("live chart:", error);
      state.message.textContent = next.failed_text;
      state.message.hidden = false;
      state.plot.hidden = true;
    }
    next = state.pending;
  }
  state.busy = false;
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const state = charts.get(parentElement) || newChart(parentElement);
  update(state, data, setTriggerValue);
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
