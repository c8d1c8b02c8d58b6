export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <head>
        <script
          dangerouslySetInnerHTML={{ __html: `window.KAMAN_KEY = "${process.env.KAMAN_API_KEY}"` }}
        />
      </head>
      <body>{children}</body>
    </html>
  );
}
