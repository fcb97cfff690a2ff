import { type Page, expect } from "@playwright/test";

/** A character page's platform defaults and memory, by roles and labels. */
export class CharacterProfile {
  constructor(private page: Page) {}

  platformDefaults() {
    return this.page.getByRole("region", { name: "Platform defaults" });
  }

  platform(name: "Instagram" | "TikTok" | "LinkedIn" | "YouTube") {
    return this.platformDefaults().getByRole("group", { name });
  }

  async savePlatformDefaults() {
    await this.platformDefaults().getByRole("button", { name: "Save platform defaults" }).click();
  }

  memory() {
    return this.page.getByRole("region", { name: "Memory" });
  }

  notes() {
    return this.memory().getByRole("list", { name: "Memory notes" }).getByRole("listitem");
  }

  /** Types a note and presses Enter, as a keyboard user would. */
  async addNote(text: string) {
    const field = this.memory().getByLabel("New note");
    await field.fill(text);
    await field.press("Enter");
    await expect(this.notes().filter({ hasText: text })).toBeVisible();
    await expect(field).toHaveValue("");
    await expect(field).toBeFocused();
  }
}
