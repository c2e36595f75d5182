// The admin's map widget: a Leaflet map above the GeoJSON text field. A click places a point
// (for a project), the text follows; what is in the text is drawn. Without this script the
// text field and the file upload work as they are.
(() => {
  "use strict";

  function draw(layer, text) {
    layer.clearLayers();
    try {
      layer.addData(JSON.parse(text));
      return true;
    } catch (error) {
      return false; // not GeoJSON (yet): the server says what is wrong on saving
    }
  }

  function setUp(widget) {
    if (widget.dataset.ready || !window.L) return;
    widget.dataset.ready = "true";
    const settings = JSON.parse(widget.dataset.mapWidget);
    const text = widget.querySelector("textarea");
    const box = document.createElement("div");
    box.className = "geojson-map";
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", settings.labels.map);
    widget.insertBefore(box, text);
    const map = L.map(box, { attributionControl: false, scrollWheelZoom: false });
    const context = settings.context ? L.geoJSON(settings.context, { interactive: false, className: "geojson-context" }).addTo(map) : null;
    const shape = L.geoJSON(null, { className: "geojson-shape" }).addTo(map);
    draw(shape, text.value);
    const fit = () => {
      const bounds = context?.getBounds() ?? (shape.getLayers().length && shape.getBounds());
      if (bounds?.isValid()) map.fitBounds(bounds.pad(0.1), { maxZoom: 15 });
      else map.setView([55.3, 11.7], 10); // Næstved, when there is nothing to show yet
    };
    fit();
    // A map set up in a hidden panel or tab has no size yet: measure again when it gets one.
    new ResizeObserver(() => {
      map.invalidateSize();
      fit();
    }).observe(box);

    text.addEventListener("change", () => draw(shape, text.value));
    if (settings.clickToPlace) {
      map.on("click", (event) => {
        const { lat, lng } = event.latlng;
        text.value = JSON.stringify({ type: "Point", coordinates: [+lng.toFixed(6), +lat.toFixed(6)] });
        draw(shape, text.value);
        text.dispatchEvent(new Event("input", { bubbles: true })); // the editor notices the change
      });
      const clear = document.createElement("button");
      clear.type = "button";
      clear.className = "button button-small button-secondary geojson-clear";
      clear.textContent = settings.labels.clear;
      clear.addEventListener("click", () => {
        text.value = "";
        shape.clearLayers();
        text.dispatchEvent(new Event("input", { bubbles: true }));
      });
      widget.insertBefore(clear, text);
    }
  }

  const start = () => document.querySelectorAll("[data-map-widget]").forEach(setUp);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  // Panels opened later (a collapsed section or a tab) get their map then; Leaflet measures
  // its box, so it is told when the box becomes visible.
  document.addEventListener("wagtail:tab-changed", start);
  new MutationObserver(start).observe(document.body, { childList: true, subtree: true });
})();
