const button = document.querySelector("button")!;
button.addEventListener("click", async () => {
  const { openChat } = await import("~lib/chat");
  openChat();
});
