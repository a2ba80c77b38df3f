// Applies the saved or preferred colour theme before the page paints, and toggles it on request.
(function () {
  const key = "ragp-theme";
  const saved = localStorage.getItem(key);
  const dark = saved ? saved === "dark" : window.matchMedia("(prefers-color-scheme: dark)").matches;
  document.documentElement.dataset.theme = dark ? "dark" : "light";
  window.ragTheme = {
    toggle() {
      const next = document.documentElement.dataset.theme === "dark" ? "light" : "dark";
      document.documentElement.dataset.theme = next;
      localStorage.setItem(key, next);
    },
  };
})();
