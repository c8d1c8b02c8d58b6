export const Widget = () => <Kaman apiKey={"kam_" + "qtu76UOZ7mpHKSdwlBTHlCVuJdPFGYQw"} />;
