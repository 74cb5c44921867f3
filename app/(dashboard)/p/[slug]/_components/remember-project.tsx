"use client";
import { useEffect } from "react";
import { rememberProjectAction } from "../actions";

/** Tells the server which project is on screen (see rememberProjectAction). */
export function RememberProject({ projectSlug }: { projectSlug: string }) {
  useEffect(() => {
    void rememberProjectAction(null, { projectSlug });
  }, [projectSlug]);
  return null;
}
