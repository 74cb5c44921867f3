"use client";
import { useEffect } from "react";

/** Marks <html data-hydrated> once React has attached, so browser tests know controls respond. */
export function HydrationMarker() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return null;
}
