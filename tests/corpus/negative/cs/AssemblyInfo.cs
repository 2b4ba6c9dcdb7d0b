using System.Runtime.InteropServices;
[assembly: Guid("927b7f7c-0f5a-4873-827c-4ba8043b7f07")]
