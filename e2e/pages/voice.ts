import { type Page, expect } from "@playwright/test";

/** The Voice card of a character page, by roles and labels. */
export class VoicePanel {
  constructor(private page: Page) {}

  region() {
    return this.page.getByRole("region", { name: "Voice" });
  }

  status() {
    return this.region().getByTestId("voice-status");
  }

  async upload(file: { name: string; mimeType: string; buffer: Buffer }) {
    await this.region().getByLabel("Upload a sample").setInputFiles(file);
  }

  async waitUntil(status: "ready" | "failed", timeout = 90_000) {
    await expect(this.status()).toHaveAttribute("data-status", status, { timeout });
  }

  /** Clicks Preview voice and waits for the browser to play it; returns the audio's URL. */
  async preview(): Promise<string> {
    await this.region().getByRole("button", { name: "Preview voice" }).click();
    const audio = this.region().getByLabel("Voice preview");
    await expect(audio).toHaveAttribute("src", /\/voice\/preview\?v=/);
    await expect(audio).toHaveAttribute("data-played", "true");
    return (await audio.getAttribute("src"))!;
  }
}
