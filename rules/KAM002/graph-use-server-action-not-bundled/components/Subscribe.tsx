"use client";
import { subscribe } from "@/app/actions";

export function Subscribe() {
  return <form action={subscribe}><input name="email" /><button>Join</button></form>;
}
