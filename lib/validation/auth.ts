import { z } from "zod";
import { text } from "./text";

/** The longest address RFC 5321 allows; also caps what the login throttle keys its rows by. */
export const MAX_EMAIL_LENGTH = 254;
export const MAX_PASSWORD_LENGTH = 200;

const email = text({ label: "email", max: MAX_EMAIL_LENGTH, required: "email is required" }).email("email must be a valid email address");
const password = (required: string, label = "password") => text({ label, max: MAX_PASSWORD_LENGTH, min: 1, required, tooShort: required, untrimmed: true });

export const registerInput = z.object({
  email,
  password: text({
    label: "password",
    max: MAX_PASSWORD_LENGTH,
    min: 8,
    required: "password must be at least 8 characters",
    tooShort: "password must be at least 8 characters",
    untrimmed: true,
  }),
  name: text({ label: "name", max: 100 }).optional(),
});
export type RegisterInput = z.infer<typeof registerInput>;

/** The seeds' OAuth2 password form: `username` is the account's email. */
export const loginInput = z.object({
  username: text({ label: "username", max: MAX_EMAIL_LENGTH, min: 1, required: "username is required", tooShort: "username is required" }),
  password: password("password is required"),
});

export const signInInput = z.object({
  email,
  password: password("password is required"),
});

export const changePasswordInput = z
  .object({
    currentPassword: password("current password is required", "current password"),
    newPassword: text({
      label: "new password",
      max: MAX_PASSWORD_LENGTH,
      min: 8,
      required: "new password must be at least 8 characters",
      tooShort: "new password must be at least 8 characters",
      untrimmed: true,
    }),
    confirmPassword: text({ label: "the repeated new password", max: MAX_PASSWORD_LENGTH, untrimmed: true }),
  })
  .refine((v) => v.confirmPassword === v.newPassword, { message: "the two new passwords do not match", path: ["confirmPassword"] });
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;
