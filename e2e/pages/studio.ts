import { type Page, expect } from "@playwright/test";

/** Page objects: the studio as a creator uses it, by roles and labels. */
export class AuthPages {
  constructor(private page: Page) {}

  async signUp(name: string, email: string, password: string) {
    await this.page.goto("/sign-up");
    await this.page.getByLabel("Name").fill(name);
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Create account" }).click();
    await expect(this.page).toHaveURL(/\/dashboard$/);
  }

  async signIn(email: string, password: string) {
    await this.page.goto("/sign-in");
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
    await expect(this.page).toHaveURL(/\/dashboard$/);
  }
}

export class CharacterPages {
  constructor(private page: Page) {}

  async create(opts: { name: string; description: string; persona: string; photo: { name: string; mimeType: string; buffer: Buffer } }) {
    await this.page.goto("/characters/new");
    await this.page.getByLabel("Name").fill(opts.name);
    await this.page.getByLabel("Description").fill(opts.description);
    await this.page.getByLabel("Persona").fill(opts.persona);
    await this.page.getByLabel("Photo", { exact: true }).setInputFiles(opts.photo);
    await expect(this.page.getByAltText("Photo preview")).toBeVisible();
    await this.page.getByRole("button", { name: "Create character" }).click();
    await expect(this.page).toHaveURL(/\/characters\/\d+$/);
    return Number(this.page.url().split("/").pop());
  }
}

export class ProjectPages {
  constructor(private page: Page) {}

  async newStory(idea: string, scenes: number) {
    await this.page.goto("/projects/new");
    await this.page.getByLabel("Story idea").fill(idea);
    await this.page.getByLabel("Scenes").selectOption(String(scenes));
    await this.page.getByRole("button", { name: "Propose scenes" }).click();
    await expect(this.page).toHaveURL(/\/projects\/\d+$/, { timeout: 30_000 });
    return Number(this.page.url().split("/").pop());
  }

  scene(sceneNumber: number) {
    return this.page.getByRole("group", { name: `Scene ${sceneNumber}`, exact: true });
  }

  sceneCards() {
    return this.page.getByTestId("scene-card");
  }

  async editNarration(sceneNumber: number, text: string) {
    await this.page.getByRole("button", { name: `Edit scene ${sceneNumber}` }).click();
    const card = this.scene(sceneNumber);
    await card.getByLabel("Narration").fill(text);
    await card.getByRole("button", { name: "Save" }).click();
    await expect(this.page.getByText(`Scene ${sceneNumber} saved`)).toBeVisible();
  }

  async approve() {
    await this.page.getByRole("button", { name: "Approve & generate" }).click();
    const dialog = this.page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    const confirm = dialog.getByRole("button", { name: /Reserve \d+ credits/ });
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel(/I agree to reserve/).check();
    await confirm.click();
    await expect(this.page.getByText(/Generation started/)).toBeVisible();
  }
}
