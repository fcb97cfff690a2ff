import { z } from "zod";

export const registerInput = z.object({
  email: z.string().trim().email("email must be a valid email address").max(254),
  password: z.string().min(8, "password must be at least 8 characters").max(200),
  name: z.string().trim().max(100).optional(),
});
export type RegisterInput = z.infer<typeof registerInput>;

export const loginInput = z.object({
  username: z.string().trim().min(1, "username is required"),
  password: z.string().min(1, "password is required"),
});

export const signInInput = z.object({
  email: z.string().trim().email("email must be a valid email address"),
  password: z.string().min(1, "password is required"),
});

export const changePasswordInput = z
  .object({
    currentPassword: z.string().min(1, "current password is required"),
    newPassword: z.string().min(8, "new password must be at least 8 characters").max(200, "new password must be at most 200 characters"),
    confirmPassword: z.string(),
  })
  .refine((v) => v.confirmPassword === v.newPassword, { message: "the two new passwords do not match", path: ["confirmPassword"] });
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;
