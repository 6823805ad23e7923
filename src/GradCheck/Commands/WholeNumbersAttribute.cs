using System;
using System.Collections;
using System.Management.Automation;

namespace GradCheck.Commands
{
    /// <summary>
    /// Refuses a number with a fractional part for a parameter that counts something: PowerShell would round 2.5
    /// to 2 on its way into an int (-LayerSize 4, 2.5, 1 built a 4-2-1 network) and say nothing. Whole numbers,
    /// strings and anything else pass on to PowerShell's own conversion unchanged.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class WholeNumbersAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is IEnumerable items && !(value is string))
            {
                foreach (object item in items) Refuse(item);
            }
            else
            {
                Refuse(value);
            }
            return inputData;
        }

        private static void Refuse(object item)
        {
            // Only the three fractional types can lose a part; integers, strings and the rest pass on.
            object value = item is PSObject wrapped ? wrapped.BaseObject : item;
            if (!(value is double || value is float || value is decimal)) return;
            double number = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
            if (Math.Floor(number) != number)
                throw new ArgumentTransformationMetadataException(
                    CommandText.Format("NotWholeNumber", Format.Number(number)));
        }
    }
}
