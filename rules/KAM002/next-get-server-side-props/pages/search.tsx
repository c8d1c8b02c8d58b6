export default function Search({ kamanKey }: { kamanKey: string }) {
  return <div data-k={kamanKey} />;
}

export async function getServerSideProps() {
  return { props: { kamanKey: process.env.KAMAN_API_KEY } };
}
