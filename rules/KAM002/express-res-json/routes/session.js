import { Router } from "express";

const router = Router();
const kamanKey = process.env.KAMAN_API_KEY;

router.get("/", (req, res) => {
  res.json({ user: req.user?.id, kamanKey });
});

export default router;
