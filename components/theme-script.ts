// Shared by the inline script in app/layout.tsx (a server component) and the toggle.
export const THEME_STORAGE_KEY = "latchkey-theme";
export const THEME_CHANGED_EVENT = "latchkey-theme";

/**
 * Run inline in <head> (with the CSP nonce) before the first paint, so a dark page never flashes
 * light. The one place the rule lives: dark when chosen, or when not chosen and the OS says dark.
 * It re-applies when the OS scheme changes, another tab changes the choice, or the toggle does.
 */
export const THEME_SCRIPT = `(function(){try{var m=matchMedia("(prefers-color-scheme: dark)");function a(){var t=localStorage.getItem("${THEME_STORAGE_KEY}");document.documentElement.classList.toggle("dark",t==="dark"||(t!=="light"&&m.matches))}a();m.addEventListener("change",a);addEventListener("storage",a);addEventListener("${THEME_CHANGED_EVENT}",a)}catch(e){}})()`;
