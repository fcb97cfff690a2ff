import { type Page, expect } from "@playwright/test";

/** Settings › Account: the name and email form, the data export and the delete dialog. */
export class AccountSettings {
  constructor(private page: Page) {}

  get region() {
    return this.page.getByRole("region", { name: "Account", exact: true });
  }

  get form() {
    return this.region.getByRole("form", { name: "Name and email" });
  }

  async open() {
    await this.page.goto("/settings#account");
    await expect(this.region).toBeVisible();
  }

  async save(fields: { name?: string; email?: string; currentPassword?: string }) {
    if (fields.name !== undefined) await this.form.getByLabel("Name").fill(fields.name);
    if (fields.email !== undefined) await this.form.getByLabel("Email").fill(fields.email);
    if (fields.currentPassword !== undefined) await this.form.getByLabel("Current password").fill(fields.currentPassword);
    await this.form.getByRole("button", { name: "Save" }).click();
  }

  get deleteDialog() {
    return this.page.getByRole("alertdialog", { name: "Delete your account?" });
  }

  async openDeleteDialog() {
    await this.region.getByRole("button", { name: "Delete account" }).click();
    await expect(this.deleteDialog).toBeVisible();
    return this.deleteDialog;
  }
}
